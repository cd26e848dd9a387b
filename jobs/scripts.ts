import { readFileSync } from 'node:fs';

const load = (name: string) => readFileSync(new URL(`./scripts/${name}.lua`, import.meta.url), 'utf8');

/** Redis scripts, kept as real Lua files beside this one. */
export const scripts = {
  enqueueMessage: load('enqueue-message'),
  takeToken: load('take-token'),
  releaseLock: load('release-lock'),
  closeDigest: load('close-digest'),
  raiseField: load('raise-field'),
};
