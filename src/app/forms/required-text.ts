import { z } from 'zod';
import { SUMMARY_MAX } from '../../domain/complaint.js';
import { visibleOrEmpty } from '../../domain/text.js';

/** A required free text of at most 3,000 characters; invisible characters alone are no text. */
export const requiredText = z
  .string('error.required')
  .trim()
  .overwrite(visibleOrEmpty)
  .min(1, 'error.required')
  .max(SUMMARY_MAX, 'error.summary_too_long');
