import type { Locale, Policy } from '../../domain/policy.js';
import { type Person, STAFF_ID, sandboxPeople } from '../people.js';

/** The complaints channel of the WeCom sandbox: a group chat of the app. */
export const COMPLAINTS_CHAT = 'wrComplaints01';

/**
 * The example policy's people as WeCom members, by userid (账号): 张三, 李四… are the placeholder names every
 * Chinese form uses, so a visitor sees at once that they are nobody in particular.
 */
const MEMBERS: Record<string, { userId: string; name: Record<Locale, string> }> = {
  [STAFF_ID]: { userId: 'zhangsan', name: { 'zh-CN': '张三', en: 'Zhang San' } },
  U0123DELIVERY1: { userId: 'lisi', name: { 'zh-CN': '李四', en: 'Li Si' } },
  U0123DELIVMGR: { userId: 'wangwu', name: { 'zh-CN': '王五', en: 'Wang Wu' } },
  U0123CSMANAGER: { userId: 'zhaoliu', name: { 'zh-CN': '赵六', en: 'Zhao Liu' } },
  U0123GENERALMGR: { userId: 'sunqi', name: { 'zh-CN': '孙七', en: 'Sun Qi' } },
  U0123KITCHEN01: { userId: 'zhouba', name: { 'zh-CN': '周八', en: 'Zhou Ba' } },
  U0123KITCHMGR: { userId: 'wujiu', name: { 'zh-CN': '吴九', en: 'Wu Jiu' } },
  U0123SERVICE01: { userId: 'zhengshi', name: { 'zh-CN': '郑十', en: 'Zheng Shi' } },
};

/** The WeCom userid the sandbox gives a person of the example policy. */
const userIdOf = (slackId: string): string => {
  const member = MEMBERS[slackId];
  if (!member) throw new Error(`the WeCom sandbox has no member for ${slackId} of the example policy`);
  return member.userId;
};

/** The example policy (as the Slack sandbox reads it) with its people named by WeCom userids and its channel a group chat. */
export function wecomPolicy(example: Policy): Policy {
  return {
    ...example,
    channel: COMPLAINTS_CHAT,
    csManager: userIdOf(example.csManager),
    gm: userIdOf(example.gm),
    approvalStandIn: userIdOf(example.approvalStandIn),
    departments: example.departments.map((d) => ({
      ...d,
      owner: userIdOf(d.owner),
      manager: userIdOf(d.manager),
    })),
  };
}

/** The members of the WeCom sandbox: the receiver at the counter, then everyone the policy names, with their names. */
export function wecomPeople(policy: Policy): Person[] {
  const names = new Map(Object.values(MEMBERS).map((m) => [m.userId, m.name[policy.locale]]));
  return sandboxPeople(policy, MEMBERS[STAFF_ID]?.userId).map((p) => ({
    ...p,
    name: names.get(p.id) ?? p.id,
  }));
}
