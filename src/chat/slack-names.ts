import type { WebClient } from '@slack/web-api';

/** People's names as their Slack profiles give them. */
export interface PeopleNames {
  /** The name of each of these people, by user id; someone Slack names not is left out (shown by their id). */
  of(users: string[]): Promise<Map<string, string>>;
}

/** How long a name is kept before Slack is asked again: names seldom change. */
export const NAME_TTL_MS = 86_400_000;
/** Lookups at a time: users.info allows some hundred calls a minute (Tier 4). */
const AT_ONCE = 5;

interface SlackUser {
  name?: string;
  real_name?: string;
  profile?: { real_name?: string; display_name?: string };
}

/** The name a person goes by: the profile's full name, else their display name, else the account's. */
function nameOf(user: SlackUser | undefined): string | undefined {
  const names = [user?.profile?.real_name, user?.real_name, user?.profile?.display_name, user?.name];
  return names.map((n) => n?.trim()).find((n) => !!n);
}

/**
 * Names from Slack (`users.info`), each person looked up once and kept `ttlMs` in this process; a person Slack
 * does not answer for is asked again next time.
 */
export function slackNames(client: WebClient, ttlMs = NAME_TTL_MS, now = () => Date.now()): PeopleNames {
  const kept = new Map<string, { name: string; until: number }>();
  async function ask(user: string): Promise<void> {
    try {
      const answer = await client.users.info({ user });
      const name = nameOf(answer.user as SlackUser | undefined);
      if (name) kept.set(user, { name, until: now() + ttlMs });
    } catch {
      // An unknown user, a refused or failed call: shown by their id this time.
    }
  }
  return {
    async of(users) {
      const missing = [...new Set(users)].filter((u) => (kept.get(u)?.until ?? 0) <= now());
      for (let i = 0; i < missing.length; i += AT_ONCE)
        await Promise.all(missing.slice(i, i + AT_ONCE).map(ask));
      const names = new Map<string, string>();
      for (const user of users) {
        const name = kept.get(user)?.name;
        if (name) names.set(user, name);
      }
      return names;
    },
  };
}
