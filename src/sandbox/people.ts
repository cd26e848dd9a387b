import type { Locale, Policy } from '../domain/policy.js';

/** What a person is in the policy; the page names it in its language. */
export type Role =
  | { kind: 'staff' }
  | { kind: 'owner' | 'manager'; department: string }
  | { kind: 'csManager' }
  | { kind: 'gm' };

export interface Person {
  id: string;
  name: string;
  roles: Role[];
}

/** Someone at the counter who registers complaints and is in no department of the policy. */
export const STAFF_ID = 'U0123RECEPTION';

const NAMES: Record<Locale, string[]> = {
  en: [
    'Lin Xiao',
    'Zhao Lei',
    'Qian Fang',
    'Sun Hui',
    'Li Na',
    'Zhou Jie',
    'Wu Min',
    'Zheng Hao',
    'Wang Yu',
    'Chen Jing',
  ],
  'zh-CN': ['林晓', '赵磊', '钱芳', '孙慧', '李娜', '周杰', '吴敏', '郑浩', '王宇', '陈静'],
};

/** The people of the sandbox: a member of staff, then everyone the policy names, each once with all their roles. */
export function sandboxPeople(policy: Policy, staff = STAFF_ID): Person[] {
  const people = new Map<string, Role[]>([[staff, [{ kind: 'staff' }]]]);
  const add = (id: string, role: Role) => people.set(id, [...(people.get(id) ?? []), role]);
  for (const d of policy.departments) add(d.owner, { kind: 'owner', department: d.name });
  for (const d of policy.departments) add(d.manager, { kind: 'manager', department: d.name });
  add(policy.csManager, { kind: 'csManager' });
  add(policy.gm, { kind: 'gm' });
  const names = NAMES[policy.locale];
  return [...people].map(([id, roles], i) => ({ id, roles, name: names[i % names.length] ?? id }));
}
