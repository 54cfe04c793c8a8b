// A coordinator acts on a report in the ward queue: take it, resolve or dismiss it, with a note.
import { z } from 'zod';
import { says } from '$lib/forms/messages';

export const REPORT_STATUSES = ['reviewing', 'resolved', 'dismissed'] as const;

export const reportActionSchema = z.object({
	report_id: z.number().int().min(1).max(2_147_483_647),
	status: z.enum(REPORT_STATUSES, says('consent.reports.validation.status')).default('reviewing'),
	resolution: z.string().trim().max(2000, says('consent.reports.validation.too_long')).default('')
});
