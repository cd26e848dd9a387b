import type { Locale } from '../../domain/policy.js';

/** Words of the WeCom sandbox page itself; what the app says comes from its own catalogs. */
const en = {
  title: 'Redress on WeCom: sandbox',
  banner:
    'Sandbox: WeCom is played by a stand-in in this process; cases are kept in memory and lost when it stops; deadlines are shortened to {deadlines}. See the README to run it on a real WeCom company.',
  you: 'You are',
  register: 'Register a complaint',
  weekly: 'Weekly report now',
  app: 'Redress (app)',
  chat: 'Complaints group chat',
  composer: 'Write to the app: show 202611-0001, list, find <phone or words>, export, help',
  send: 'Send',
  empty: 'No messages from the app yet.',
  emptyChat: 'No complaints yet: register one.',
  updated: 'updated',
  file: 'File',
  image: 'Image',
  refused: 'WeCom would refuse {method}: {errmsg} ({errcode})',
  staff: 'receiver',
  owner: 'owner, {department}',
  manager: 'manager, {department}',
  csManager: 'CS manager',
  gm: 'general manager',
};

const zhCN: typeof en = {
  title: 'Redress 企业微信沙盒',
  banner:
    '沙盒：企业微信由本进程内的替身扮演；案件只保存在内存中，停止后即丢失；时限已缩短为{deadlines}。在真实企业中使用见 README。',
  you: '当前身份',
  register: '登记投诉',
  weekly: '立即生成周报',
  app: 'Redress（应用）',
  chat: '投诉群聊',
  composer: '给应用发消息：查看 202611-0001、列表、查找 <电话或关键词>、导出、帮助',
  send: '发送',
  empty: '应用还没有发来消息。',
  emptyChat: '还没有投诉：先登记一件。',
  updated: '已更新',
  file: '文件',
  image: '图片',
  refused: '企业微信会拒绝 {method}：{errmsg}（{errcode}）',
  staff: '接待员',
  owner: '{department} 责任人',
  manager: '{department} 经理',
  csManager: '客服经理',
  gm: '总经理',
};

export const WECOM_PAGE_TEXT: Record<Locale, typeof en> = { en, 'zh-CN': zhCN };
