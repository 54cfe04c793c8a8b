// One schema per sign-in form; messages are i18n keys the page translates.
import { z } from 'zod';
import { normalizeVietnamesePhone } from '$lib/phone';

const phone = z
	.string({ error: 'validation.phone_required' })
	.trim()
	.min(1, { error: 'validation.phone_required' })
	.transform((value, ctx) => {
		const e164 = normalizeVietnamesePhone(value);
		if (!e164) {
			ctx.addIssue({ code: 'custom', message: 'validation.phone_invalid' });
			return z.NEVER;
		}
		return e164;
	});

const code = z
	.string({ error: 'validation.code_invalid' })
	.transform((value) => value.replace(/\s/g, ''))
	.pipe(z.string().regex(/^\d{6}$/, { error: 'validation.code_invalid' }));

const email = z
	.string({ error: 'validation.email_invalid' })
	.trim()
	.toLowerCase()
	.pipe(z.email({ error: 'validation.email_invalid' }));

export const phoneSchema = z.object({ phone });
export const phoneCodeSchema = z.object({ phone, code });
export const emailPasswordSchema = z.object({
	email,
	password: z.string({ error: 'validation.password_required' }).min(1, {
		error: 'validation.password_required'
	})
});
export const emailSchema = z.object({ email });
export const emailCodeSchema = z.object({ email, code });
