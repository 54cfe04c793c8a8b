import { z } from 'zod';
import { says } from '$lib/forms/messages';
import { REPORT_REASONS } from '$lib/report-reasons';

/** Report and/or block one person: at least one of the two. */
export const reportSchema = z
	.object({
		person: z.uuid(says('validation.invalid')),
		session: z.number().int().positive().nullable().default(null),
		reason: z.enum(REPORT_REASONS, says('safety.report.reason_required')).optional(),
		details: z.string().trim().max(2000, says('safety.report.details_too_long')).default(''),
		block: z.boolean()
	})
	.refine((value) => value.reason !== undefined || value.block, {
		...says('safety.report.nothing_chosen'),
		path: ['reason']
	});

export const unblockSchema = z.object({ person: z.uuid(says('validation.invalid')) });
