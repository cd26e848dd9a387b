import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isSupportedCountry } from 'libphonenumber-js/max';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { slackIds } from './chat/slack-ids.js';
import { ROBOT_CHANNEL, wecomEnv } from './chat/wecom/config.js';
import { wecomIds } from './chat/wecom/ids.js';
import { parseDuration } from './domain/duration.js';
import { DEFAULT_CATEGORIES, DEFAULT_PROCEDURE, LOCALES, type Policy } from './domain/policy.js';
import { WEEKDAYS, type WorkingSpan } from './domain/working-time.js';

/** A configuration that cannot run; its message names every bad or missing value. */
export class ConfigError extends Error {}

/**
 * How the chat platform in use names people and the complaints channel. The policy names them by those ids, and
 * the platform's adapter says what one looks like (Slack's in src/chat/slack-ids.ts).
 */
export interface ChatIds {
  person: z.ZodType<string>;
  channel: z.ZodType<string>;
}
const duration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === null)
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration like 90s, 30m, 4h or 2d` });
  return ms ?? 0;
});
const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA timezone like Asia/Shanghai');

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const workingSpan = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'must be a span of hours like 09:00-18:00')
  .transform((text): WorkingSpan => [minutes(text.slice(0, 5)), minutes(text.slice(6))])
  .refine(([open, close]) => open < close, 'must end after it starts');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-10-01');
const workingTime = z.object({
  hours: z.partialRecord(z.enum(WEEKDAYS), z.array(workingSpan)),
  holidays: z.array(date).default([]),
  workdays: z.array(date).default([]),
  makeUpDay: z.enum(WEEKDAYS).default('mon'),
});

/** What a Slack menu (departments, categories) holds: options, and characters of an option's text and value. */
export const MENU = { options: 100, text: 75, value: 150 } as const;
const distinct = (values: string[]) => new Set(values).size === values.length;

/** Five fields of a cron pattern: minute, hour, day of month, month, day of week. */
const CRON = /^(\S+\s+){4}\S+$/;

/** The policy, its people and channel named as the chat platform in use names them. */
const policySchemaOf = ({ person, channel }: ChatIds) =>
  z
    .object({
      locale: z.enum(LOCALES).default('zh-CN'),
      timezone: timezone.default('Asia/Shanghai'),
      channel,
      gm: person,
      csManager: person,
      departments: z
        .array(
          z.object({
            id: z.string().min(1).max(MENU.value),
            name: z.string().min(1).max(MENU.text),
            owner: person,
            manager: person,
          }),
        )
        .min(1, 'name at least one department')
        .max(MENU.options, `name at most ${MENU.options} departments: a Slack menu holds no more`)
        .refine((ds) => distinct(ds.map((d) => d.id)), 'give each department an id of its own'),
      // A category the catalogs do not name is shown by its id, so the id is a menu option's text.
      categories: z
        .array(z.string().min(1).max(MENU.text))
        .min(1)
        .max(MENU.options, `name at most ${MENU.options} categories: a Slack menu holds no more`)
        .refine(distinct, 'name each category once')
        .default(DEFAULT_CATEGORIES),
      deadlines: z
        .object({
          acknowledge: duration.prefault('1h'),
          resolve: duration.prefault('24h'),
          majorCallback: duration.prefault('24h'),
          majorResolve: duration.prefault('48h'),
          warnAt: z.number().gt(0).lt(1).default(0.75),
          grace: duration.prefault('4h'),
          digestWindow: z.union([z.literal(0), duration]).prefault('2m'),
        })
        .prefault({}),
      workingTime: workingTime.optional(),
      repeatWindow: z.union([z.literal(0), duration]).prefault('90d'),
      compensationApproval: z.number().nonnegative().default(500),
      evidence: z
        .object({
          maxFiles: z.number().int().min(1).max(10, 'must be at most 10: Slack takes no more').default(10),
          filetypes: z
            .array(z.string().regex(/^[a-z0-9]{1,10}$/, 'must be a file extension like jpg'))
            .default([]),
        })
        .prefault({}),
      verifyFix: z.boolean().default(true),
      approvalStandIn: person.optional(),
      retention: duration.prefault('1095d'),
      maxExtension: duration.prefault('30d'),
      country: z
        .string()
        .refine(isSupportedCountry, 'must be a two-letter country code like CN')
        .default('CN')
        .transform((code) => code as Policy['country']),
      anonymous: z.enum(['allowed', 'forbidden']).default('forbidden'),
      rootCause: z.enum(['all', 'major']).default(DEFAULT_PROCEDURE.rootCause),
      // Unset: the documents' food safety, if the categories have it; set: each one of the categories.
      majorCategories: z.array(z.string().min(1)).optional(),
      closeNeedsCustomerTold: z.boolean().default(DEFAULT_PROCEDURE.closeNeedsCustomerTold),
      batch: z
        .object({ size: z.number().int().min(2).default(3), window: duration.prefault('7d') })
        .prefault({}),
      reports: z
        .object({
          daily: z.string().regex(CRON, 'must be a cron pattern like "0 9 * * *"').default('0 9 * * *'),
          weekly: z.string().regex(CRON, 'must be a cron pattern like "0 9 * * 1"').default('0 9 * * 1'),
          monthly: z.string().regex(CRON, 'must be a cron pattern like "0 9 1 * *"').default('0 9 1 * *'),
          halfYear: z
            .string()
            .regex(CRON, 'must be a cron pattern like "0 9 1 6,12 *"')
            .default('0 9 1 6,12 *'),
          annual: z.string().regex(CRON, 'must be a cron pattern like "0 9 1 1 *"').default('0 9 1 1 *'),
        })
        .prefault({}),
    })
    .refine((p) => (p.majorCategories ?? []).every((c) => p.categories.includes(c)), {
      path: ['majorCategories'],
      message: 'name only categories of the list under categories',
    })
    .transform(({ workingTime, deadlines, approvalStandIn, majorCategories, ...policy }) => ({
      ...policy,
      majorCategories: majorCategories ?? DEFAULT_PROCEDURE.majorCategories,
      approvalStandIn: approvalStandIn ?? policy.csManager,
      deadlines: {
        ...deadlines,
        calendar: workingTime ? { ...workingTime, timezone: policy.timezone } : null,
      },
    })) satisfies z.ZodType<Policy, unknown>;

/** What every process reads, Slack app or sandbox. */
const commonEnv = z.object({
  PORT: z.coerce
    .number('must be a port number')
    .int()
    .min(0)
    .max(65535, 'must be a port number')
    .default(3000),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().min(1).default('redress'),
  OUTBOX_PER_SECOND: z.coerce.number().positive().default(1),
  OUTBOX_BURST: z.coerce.number().int().positive().default(3),
  JOB_LOCK: duration.prefault('30s'),
  RECONCILE_EVERY: duration.prefault('5m'),
  WATCHDOG_EVERY: duration.prefault('30s'),
  OVERDUE_AFTER: duration.prefault('60s'),
  /** Case lookups (`/complaint show`, `find`) one person may make in a minute (default 20). */
  LOOKUPS_PER_MINUTE: z.coerce.number().int().positive().optional(),
  /** How long start-up waits for Redis and MongoDB to answer before giving up. */
  CONNECT_WAIT: duration.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Where an installation keeps its cases and finds its policy, whichever chat platform it uses. */
const installationEnv = {
  MONGO_URL: z.string().min(1).optional(),
  POLICY_FILE: z.string().min(1).default('policy.yaml'),
};

/** The chat platforms Redress runs on; `CHAT` chooses, Slack unless it says otherwise. */
export const CHATS = ['slack', 'wecom'] as const;

const envSchema = commonEnv
  .extend({
    CHAT: z.literal('slack').optional(),
    SLACK_SIGNING_SECRET: z.string().min(1).optional(),
    SLACK_BOT_TOKEN: z
      .string('is required: the bot token (xoxb-…) of your Slack app')
      .startsWith('xoxb-', 'must be a bot token (xoxb-…)'),
    SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token (xapp-…)').optional(),
    SLACK_API_URL: z.url().default('https://slack.com/api/'),
    ...installationEnv,
  })
  .refine((env) => env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET, {
    path: ['SLACK_SIGNING_SECRET'],
    message: 'is required unless SLACK_APP_TOKEN selects Socket Mode',
  });

/** An installation on WeCom (CHAT=wecom): the self-built app's settings instead of Slack's. */
const wecomAppEnv = commonEnv.extend({
  CHAT: z.literal('wecom'),
  ...installationEnv,
  ...wecomEnv.shape,
});

/** What creating the complaints chat needs (`npm run wecom:chat`): the app's credentials, and the shared token's Redis. */
const wecomChatEnv = commonEnv
  .pick({ REDIS_URL: true, REDIS_PREFIX: true })
  .extend(
    wecomEnv.pick({ WECOM_CORP_ID: true, WECOM_AGENT_ID: true, WECOM_SECRET: true, WECOM_API_URL: true })
      .shape,
  );

const sandboxEnv = commonEnv.extend({
  SANDBOX_LOCALE: z.enum(LOCALES).optional(),
  /** Which chat the sandbox plays: Slack's workspace, or a WeCom company (wecom). */
  SANDBOX_CHAT: z.enum(CHATS).default('slack'),
});

export type Env = z.infer<typeof envSchema>;
/** The sandbox's settings: where it listens, its Redis, and the language of its example policy. */
export type SandboxEnv = z.infer<typeof sandboxEnv>;
export interface Config {
  env: Env;
  policy: Policy;
}
export type WecomAppEnv = z.infer<typeof wecomAppEnv>;
/** An installation on WeCom: the app's environment, and the policy with people named by their userids. */
export interface WecomConfig {
  env: WecomAppEnv;
  policy: Policy;
  /** The verification file of the trusted domain (WECOM_VERIFY_FILE), served at `/<name>`. */
  domainProof?: DomainProof;
}
export interface DomainProof {
  name: string;
  content: string;
}

function check<T>(schema: z.ZodType<T>, input: unknown, where: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${where}${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** Reads and validates the policy file (YAML), its people and channel named by the platform's ids. */
export function loadPolicy(file: string, ids: ChatIds): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`Invalid configuration:\n  POLICY_FILE: cannot read ${file}`);
  }
  return check(policySchemaOf(ids), parseYaml(text), `${file} `);
}

/** An empty variable (`SLACK_APP_TOKEN=`, as a copied example file leaves it) is an unset one. */
function withoutEmpty(source: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value?.trim()));
}

const SLACK_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const;

/** Whether the environment names no Slack app at all, nor WeCom: then `npm start` runs the sandbox. */
export function wantsSandbox(source: NodeJS.ProcessEnv = process.env): boolean {
  const env = withoutEmpty(source);
  return env.CHAT !== 'wecom' && SLACK_VARIABLES.every((name) => env[name] === undefined);
}

/** Validates what the sandbox reads of the environment; the Slack variables and the policy are its own. */
export function loadSandboxEnv(source: NodeJS.ProcessEnv = process.env): SandboxEnv {
  return check(sandboxEnv, withoutEmpty(source), '');
}

/** Validates the environment and the policy it points to, for a Slack app. The only reader of `process.env`. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = check(envSchema, withoutEmpty(source), '');
  return { env, policy: loadPolicy(env.POLICY_FILE, slackIds) };
}

/** Validates the environment and the policy it points to, for a WeCom app. */
export function loadWecomConfig(source: NodeJS.ProcessEnv = process.env): WecomConfig {
  const env = check(wecomAppEnv, withoutEmpty(source), '');
  const policy = loadPolicy(env.POLICY_FILE, wecomIds);
  if (policy.channel === ROBOT_CHANNEL && !env.WECOM_ROBOT_KEY)
    throw new ConfigError(
      `Invalid configuration:\n  WECOM_ROBOT_KEY: is required when ${env.POLICY_FILE} channel is ${ROBOT_CHANNEL}: the key of the group robot’s webhook address (…/webhook/send?key=…)`,
    );
  return {
    env,
    policy,
    ...(env.WECOM_VERIFY_FILE ? { domainProof: domainProof(env.WECOM_VERIFY_FILE) } : {}),
  };
}

/** The trusted domain's verification file, as WeCom fetches it from the domain's root: its name and content. */
function domainProof(file: string): DomainProof {
  try {
    const content = readFileSync(file, 'utf8');
    if (content.length > 1024) throw new Error('too long');
    return { name: basename(file), content };
  } catch {
    throw new ConfigError(`Invalid configuration:\n  WECOM_VERIFY_FILE: cannot read ${file} (a few bytes)`);
  }
}

/** Validates what `npm run wecom:chat` needs. */
export function loadWecomChatEnv(source: NodeJS.ProcessEnv = process.env): z.infer<typeof wecomChatEnv> {
  return check(wecomChatEnv, withoutEmpty(source), '');
}

/** Validates the configuration of the chat platform `CHAT` names: Slack's unless it is `wecom`. */
export function loadInstallation(source: NodeJS.ProcessEnv = process.env): Config | WecomConfig {
  const chat = withoutEmpty(source).CHAT ?? 'slack';
  if (chat === 'wecom') return loadWecomConfig(source);
  if (chat === 'slack') return loadConfig(source);
  throw new ConfigError(`Invalid configuration:\n  CHAT: must be one of ${CHATS.join(', ')}`);
}
