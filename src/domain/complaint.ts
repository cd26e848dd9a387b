import { z } from 'zod';
import { normalizePhone } from './phone.js';
import type { Policy } from './policy.js';
import { cleanName, visibleOrEmpty } from './text.js';

/** How a complaint reached the company. */
export const INTAKE_CHANNELS = ['phone', 'in_person', 'online', 'chat', 'letter'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export const SUMMARY_MAX = 3000;
export const DEMAND_MAX = 1000;
export const ADDRESS_MAX = 300;
/** A file attached as evidence: the chat platform's id of it, its name, and where the platform shows it. */
export const evidenceFile = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(1000),
  permalink: z.string().max(3000).optional(),
});
export type EvidenceFile = z.infer<typeof evidenceFile>;

/** A link to a chat message (Slack's permalink): https, and nothing that could end a link in mrkdwn. */
export const permalink = z
  .string()
  .max(1000)
  .regex(/^https:\/\/[^\s<>|]+$/);

/** A person, by the id the chat platform knows them by: what one looks like is the platform adapter's to check. */
export const personId = z.string().trim().min(1).max(255);

/**
 * The registration form (投诉登记表) as the receiver fills it in. Error messages are message-catalog keys,
 * so the form can show them in the reader's language. People are named by ids of the chat platform in use,
 * which its adapter checks with `person`.
 */
export function complaintSchema(policy: Policy, person: z.ZodType<string> = personId) {
  const required = 'error.required';
  // An anonymous complaint (匿名, where the policy allows it) leaves name and phone empty.
  const anonymous = policy.anonymous === 'allowed';
  const customer = <T extends z.ZodType>(schema: T) =>
    anonymous ? z.preprocess((value) => value ?? '', schema) : schema;
  return z.object({
    customerName: customer(
      z
        .string(required)
        .overwrite(cleanName)
        .overwrite(visibleOrEmpty)
        .min(anonymous ? 0 : 1, required)
        .max(100, 'error.too_long'),
    ),
    /** Stored in E.164, so that one customer is one number however it was typed. */
    customerPhone: customer(
      z
        .string(required)
        .trim()
        .transform((text, ctx) => {
          if (text === '' && anonymous) return '';
          const phone = normalizePhone(text, policy.country);
          if (phone === null)
            ctx.addIssue({ code: 'custom', message: text === '' ? required : 'error.phone_invalid' });
          return phone ?? '';
        }),
    ),
    summary: z
      .string(required)
      .trim()
      .overwrite(visibleOrEmpty)
      .min(1, required)
      .max(SUMMARY_MAX, 'error.summary_too_long'),
    category: z.enum(policy.categories as [string, ...string[]], required),
    class: z.union([z.literal(1), z.literal(2), z.literal(3)], required),
    channel: z.enum(INTAKE_CHANNELS, required),
    department: z.enum(policy.departments.map((d) => d.id) as [string, ...string[]], required),
    compensation: z.boolean(),
    /** The order or product a product complaint is about: what makes complaints a batch. */
    item: z.string().trim().overwrite(visibleOrEmpty).max(200, 'error.too_long').optional(),
    /** What the customer asks for (投诉要求): a refund, an exchange, an apology… */
    demand: z
      .string(required)
      .trim()
      .overwrite(visibleOrEmpty)
      .min(1, required)
      .max(DEMAND_MAX, 'error.too_long'),
    /** Where it happened, or the customer's address (地址/地点): personal data, shown like the phone. */
    address: z.string().trim().overwrite(visibleOrEmpty).max(ADDRESS_MAX, 'error.too_long').optional(),
    /** Files attached in the form (证据: photos, recordings, documents), as the chat platform keeps them. */
    evidence: z.array(evidenceFile).max(policy.evidence.maxFiles, 'error.too_many_files').optional(),
    /** The fault came back after a repair (维修后仍然重复故障): a major complaint (001). */
    recurrence: z.boolean().optional(),
    /** The person complained about (被投诉人), if one of the staff. */
    respondent: person.optional(),
    /** The chat message the complaint was reported from, when it was. */
    permalink: permalink.optional(),
  });
}

export type Complaint = z.infer<ReturnType<typeof complaintSchema>>;
export type ComplaintField = keyof Complaint;
