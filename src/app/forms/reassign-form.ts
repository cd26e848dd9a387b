import { z } from 'zod';

/** Hand over (转交): the department, and the new owner when not its duty owner. */
export const reassignForm = z.object({
  department: z.string('error.required'),
  owner: z.string().optional(),
});
