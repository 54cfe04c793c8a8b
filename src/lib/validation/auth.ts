// One schema per sign-in form; messages are i18n keys the page translates.
import { z } from 'zod';
import { says } from '$lib/forms/messages';
import { normalizeVietnamesePhone } from '$lib/phone';

const phone = z
	.string(says('validation.phone_required'))
	.trim()
	.min(1, says('validation.phone_required'))
	.transform((value, ctx) => {
		const e164 = normalizeVietnamesePhone(value);
		if (!e164) {
			ctx.addIssue({ code: 'custom', message: says('validation.phone_invalid').error });
			return z.NEVER;
		}
		return e164;
	});

const email = z
	.string(says('validation.email_invalid'))
	.trim()
	.toLowerCase()
	.pipe(z.email(says('validation.email_invalid')));

export const phoneSchema = z.object({ phone });
export const emailSchema = z.object({ email });
export const emailPasswordSchema = z.object({
	email,
	password: z
		.string(says('validation.password_required'))
		.min(1, says('validation.password_required'))
});
/** The code step: where the code went is kept by the server, so only the code is posted. */
export const codeSchema = z.object({
	code: z
		.string(says('validation.code_invalid'))
		.transform((value) => value.replace(/\s/g, ''))
		.pipe(z.string().regex(/^\d{6}$/, says('validation.code_invalid')))
});
