import { z } from 'zod';
import type { ChatIds } from '../../config.js';

/** A member's account (账号, userid): 1 to 64 letters, digits and `_ - . @`. */
export const WECOM_USERID = /^[A-Za-z0-9_.@-]{1,64}$/;

/** A WeCom userid, as the policy names people on WeCom. */
export const wecomUserId = z
  .string()
  .trim()
  .regex(WECOM_USERID, 'must be a WeCom userid (账号) like zhangsan');

/**
 * How WeCom names people and the complaints channel in the policy: userids, and a group chat's chatid or `robot`
 * (ROBOT_CHANNEL: the group robot of WECOM_ROBOT_KEY).
 */
export const wecomIds: ChatIds = {
  person: wecomUserId,
  channel: z
    .string()
    .regex(
      /^[A-Za-z0-9]{1,32}$/,
      'must be the chatid of a group chat of the app (up to 32 letters and digits), or robot for a group robot',
    ),
};
