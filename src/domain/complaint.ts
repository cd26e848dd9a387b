import { z } from 'zod';
import { isPhone, normalizePhone } from './phone.js';
import type { Policy } from './policy.js';
import { cleanName, visibleOrEmpty } from './text.js';

/** How a complaint reached the company. */
export const INTAKE_CHANNELS = ['phone', 'in_person', 'online', 'chat', 'letter'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export const SUMMARY_MAX = 3000;

/**
 * The registration form (投诉登记表) as the receiver fills it in. Error messages are message-catalog keys,
 * so the form can show them in the reader's language.
 */
export function complaintSchema(policy: Policy) {
  const required = 'error.required';
  return z.object({
    customerName: z
      .string(required)
      .overwrite(cleanName)
      .overwrite(visibleOrEmpty)
      .min(1, required)
      .max(100, 'error.too_long'),
    customerPhone: z
      .string(required)
      .trim()
      .min(1, required)
      .refine(isPhone, 'error.phone_invalid')
      .transform(normalizePhone),
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
    /** The person complained about (被投诉人), if one of the staff. */
    respondent: z
      .string()
      .regex(/^[UW][A-Z0-9]+$/)
      .optional(),
  });
}

export type Complaint = z.infer<ReturnType<typeof complaintSchema>>;
export type ComplaintField = keyof Complaint;
