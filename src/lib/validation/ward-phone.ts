// The ward office's phone change: find the person by the number she signs in with now, then give
// her a new one after checking who she is. One schema per form; numbers as the sign-in form takes them.
import { z } from 'zod';
import { says } from '$lib/forms/messages';
import { phoneSchema } from '$lib/validation/auth';

/** How the coordinator checked who the person is (private.phone_changes.identity_check). */
export const PHONE_CHANGE_METHODS = ['citizen_id_card', 'passport', 'vneid'] as const;

/** Step 1: the number the person signs in with today. */
export const findPersonSchema = z.object({ current_phone: phoneSchema.shape.phone });

/** Step 2: how identity was checked and the new number (E.164 after parsing). */
export const changePhoneSchema = z.object({
	// Empty until chosen: no paper is picked for the coordinator.
	method: z
		.union([z.literal(''), z.enum(PHONE_CHANGE_METHODS)], says('office.validation.method_required'))
		.default('')
		.refine((m) => m !== '', says('office.validation.method_required')),
	new_phone: phoneSchema.shape.phone
});
