import { z } from 'zod';
import type { MessageRef } from '../../app/ports.js';

/**
 * A WeCom message as the adapter knows it: a message in the complaints group chat (which WeCom cannot edit), one
 * the complaints group's robot posted (known without its webhook key, a secret), or a button card sent to one
 * member, known by its task id.
 */
export type WecomMessage =
  | { kind: 'chat'; chat: string }
  | { kind: 'robot' }
  | { kind: 'card'; to: string; task: string };

const wecomMessage = z.union([
  z.object({ chat: z.string().min(1) }).transform(({ chat }) => ({ kind: 'chat' as const, chat })),
  z.object({ robot: z.literal(true) }).transform(() => ({ kind: 'robot' as const })),
  z
    .object({ to: z.string().min(1), task: z.string().min(1) })
    .transform(({ to, task }) => ({ kind: 'card' as const, to, task })),
]);

/** A WeCom message as the reference the rest of Redress passes around without looking inside. */
export function refOf(message: WecomMessage): MessageRef {
  const fields =
    message.kind === 'chat'
      ? { chat: message.chat }
      : message.kind === 'robot'
        ? { robot: true }
        : { to: message.to, task: message.task };
  return JSON.stringify(fields) as MessageRef;
}

/** The WeCom message a reference names; a reference this adapter did not make is a bug, thrown. */
export function messageOf(ref: MessageRef): WecomMessage {
  return wecomMessage.parse(JSON.parse(ref));
}
