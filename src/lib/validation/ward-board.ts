// The ward board's forms: assign a request, verify / suspend a volunteer, pick a report month.
import { z } from 'zod';
import { says } from '$lib/forms/messages';

/** What the board records about how a volunteer was checked (volunteer_verifications.method). */
export const VERIFICATION_METHODS = [
	'identity_document',
	'youth_union',
	'womens_union',
	'known_in_ward',
	'other'
] as const;

/**
 * One-click assignment: the candidate's button carries the request and the volunteer; the start
 * (local date and time in Asia/Ho_Chi_Minh, `YYYY-MM-DDTHH:mm`) defaults to tomorrow 09:00.
 */
export const assignSchema = z.object({
	request_id: z.number().int().positive(says('validation.invalid')),
	volunteer_id: z.uuid(says('validation.invalid')),
	starts_at: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, says('ward.requests.starts_at_invalid')),
	minutes: z.number().int().min(15, says('validation.invalid')).max(240, says('validation.invalid'))
});

export const verifySchema = z.object({
	method: z.enum(VERIFICATION_METHODS, says('ward.volunteers.method_required')),
	note: z.string().trim().max(500, says('ward.volunteers.note_too_long')).default('')
});

export const suspendSchema = z.object({
	reason: z
		.string()
		.trim()
		.min(3, says('ward.volunteers.reason_required'))
		.max(500, says('ward.volunteers.reason_too_long'))
});

/** `?month=YYYY-MM` of the monthly report; anything else means this month. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** A local `YYYY-MM-DDTHH:mm` in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) as an instant. */
export function vietnamLocalToIso(local: string): string {
	return new Date(`${local}:00+07:00`).toISOString();
}
