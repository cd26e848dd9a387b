import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ids } from '../../src/chat/blocks.js';

/** The bot scopes each Web API method Redress calls needs (Slack's method reference), none for some. */
const SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'views.open': [],
  'views.publish': [],
  'chat.getPermalink': [],
  'users.info': ['users:read'],
  'conversations.open': ['im:write'],
  // files.getUploadURLExternal and files.completeUploadExternal
  'files.uploadV2': ['files:write'],
};

/** The bot scopes a Block Kit element the forms use needs (Slack's element reference). */
const ELEMENT_SCOPES: Record<string, string[]> = {
  // The registration form's evidence files.
  file_input: ['files:read'],
};

/** The elements of `ELEMENT_SCOPES` the code builds, and where. */
function elementsUsed(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of ['src', 'handlers'].flatMap(sources)) {
    if (file.startsWith(join('src', 'sandbox'))) continue;
    const text = readFileSync(file, 'utf8');
    for (const element of Object.keys(ELEMENT_SCOPES))
      if (text.includes(`type: '${element}'`)) found.set(element, file);
  }
  return found;
}

/** Web API method families: `<anything>.<family>.<method>(` in the source is a call. */
const FAMILIES = ['admin', 'apps', 'auth', 'bots', 'chat', 'conversations', 'files', 'pins', 'reactions']
  .concat(['reminders', 'search', 'team', 'usergroups', 'users', 'views', 'dnd', 'emoji', 'bookmarks'])
  .join('|');
/** A call on a Web API client (`client.chat.postMessage(`, `new WebClient(…).auth.test(`), not on data (`x.users.map(`). */
const CALL = new RegExp(`(?:client|Client|\\))\\.(${FAMILIES})\\.([a-zA-Z0-9]+)\\(`, 'g');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

/** The methods the app calls; the sandbox's Slack stand-in answers methods, it does not call them. */
function methodsCalled(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of ['src', 'handlers', 'jobs'].flatMap(sources)) {
    if (file.startsWith(join('src', 'sandbox'))) continue;
    for (const [, family, method] of readFileSync(file, 'utf8').matchAll(CALL))
      found.set(`${family}.${method}`, file);
  }
  return found;
}

describe('slack-manifest.yaml', () => {
  const manifest = parse(readFileSync('slack-manifest.yaml', 'utf8')) as {
    oauth_config: { scopes: { bot: string[] } };
    features: {
      slash_commands?: unknown[];
      shortcuts?: { type: string; callback_id: string; name: string }[];
      app_home?: { home_tab_enabled?: boolean };
    };
    settings: { event_subscriptions?: { bot_events?: string[] } };
  };
  const granted = manifest.oauth_config.scopes.bot;

  it('asks for every scope the Web API methods the code calls need', () => {
    const called = methodsCalled();
    expect([...called.keys()]).toContain('chat.postMessage'); // the scan finds calls at all
    for (const [method, file] of called) {
      expect(SCOPES, `${method} (called in ${file}) needs its scopes listed in this test`).toHaveProperty([
        method,
      ]);
      for (const scope of SCOPES[method] ?? []) expect(granted, `${method} needs ${scope}`).toContain(scope);
    }
  });

  it('asks for every scope the Block Kit elements of its forms need', () => {
    const used = elementsUsed();
    expect([...used.keys()]).toContain('file_input');
    for (const [element, file] of used)
      for (const scope of ELEMENT_SCOPES[element] ?? [])
        expect(granted, `${element} (built in ${file}) needs ${scope}`).toContain(scope);
  });

  it('declares the message shortcut and the Home tab the app binds', () => {
    const bound = readFileSync(join('handlers', 'slack', 'index.ts'), 'utf8');
    expect(bound).toContain('app.shortcut<MessageShortcut>(ids.reportMessage');
    expect(manifest.features.shortcuts).toContainEqual(
      expect.objectContaining({ type: 'message', callback_id: ids.reportMessage }),
    );
    // Slack cuts a shortcut's name at 24 characters.
    for (const shortcut of manifest.features.shortcuts ?? [])
      expect(shortcut.name.length).toBeLessThanOrEqual(24);
    expect(bound).toContain("app.event('app_home_opened'");
    expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions?.bot_events).toContain('app_home_opened');
  });

  it('asks for the commands scope for its slash command and shortcut, and for nothing the code does not use', () => {
    if (manifest.features.slash_commands?.length || manifest.features.shortcuts?.length)
      expect(granted).toContain('commands');
    const used = new Set([
      'commands',
      ...[...methodsCalled().keys()].flatMap((m) => SCOPES[m] ?? []),
      ...[...elementsUsed().keys()].flatMap((e) => ELEMENT_SCOPES[e] ?? []),
    ]);
    expect(granted.filter((scope) => !used.has(scope))).toEqual([]);
  });
});
