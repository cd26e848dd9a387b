import type { Locale } from '../domain/policy.js';

/** Words of the sandbox page itself; what the bot says comes from the app's own catalogs. */
const en = {
  title: 'Redress sandbox',
  banner:
    'Sandbox: cases are kept in memory and lost when it stops; deadlines are shortened to {deadlines}. Connect a Slack app to run it for real (see the README).',
  deadlines:
    'acknowledge {acknowledge}, resolve {resolve}, major callback {majorCallback}, major resolve {majorResolve}; a warning at {warnAt}%, then one rung up the ladder every {grace}',
  minutes: '{n} min',
  seconds: '{n} s',
  you: 'You are',
  channels: 'Channels',
  direct: 'Direct messages',
  app: 'Redress (app)',
  newComplaint: 'New complaint',
  weekly: 'Weekly report now',
  export: 'Export this month',
  composer:
    'Type /complaint, /complaint list, /complaint find <words>, /complaint show <number> or /complaint export',
  send: 'Send',
  onlyYou: 'Only visible to you',
  edited: '(edited)',
  replies: '{n} replies',
  reply: '1 reply',
  thread: 'Thread',
  close: 'Close',
  download: 'Download',
  empty: 'Nothing here yet.',
  emptyChannel: 'No complaints yet: press “New complaint” to register one.',
  refused: 'Slack would refuse {method}: {error}',
  choose: 'Choose…',
  optional: '(optional)',
  staff: 'staff',
  owner: 'owner, {department}',
  manager: 'manager, {department}',
  csManager: 'CS manager',
  gm: 'general manager',
  live: 'live',
  offline: 'reconnecting…',
};

const zhCN: typeof en = {
  title: 'Redress 沙盒',
  banner:
    '沙盒：案件只保存在内存中，停止后即丢失；时限已缩短为{deadlines}。连接 Slack 应用即可正式使用（见 README）。',
  deadlines:
    '确认受理 {acknowledge}，处理 {resolve}，重大投诉回访 {majorCallback}、处理 {majorResolve}；到时限的 {warnAt}% 提醒，之后每 {grace} 升级一级',
  minutes: '{n} 分钟',
  seconds: '{n} 秒',
  you: '当前身份',
  channels: '频道',
  direct: '私信',
  app: 'Redress（应用）',
  newComplaint: '登记投诉',
  weekly: '立即生成周报',
  export: '导出本月登记表',
  composer:
    '输入 /complaint、/complaint list、/complaint find <关键词>、/complaint show <编号> 或 /complaint export',
  send: '发送',
  onlyYou: '仅你可见',
  edited: '（已编辑）',
  replies: '{n} 条回复',
  reply: '1 条回复',
  thread: '讨论串',
  close: '关闭',
  download: '下载',
  empty: '暂无消息。',
  emptyChannel: '还没有投诉：点击“登记投诉”登记一件。',
  refused: 'Slack 会拒绝 {method}：{error}',
  choose: '请选择…',
  optional: '（选填）',
  staff: '员工',
  owner: '{department} 责任人',
  manager: '{department} 经理',
  csManager: '客服经理',
  gm: '总经理',
  live: '实时',
  offline: '重新连接中…',
};

export const PAGE_TEXT: Record<Locale, typeof en> = { en, 'zh-CN': zhCN };
