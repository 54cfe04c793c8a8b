import { z } from 'zod';
import { says } from '$lib/forms/messages';
import { LOCALES } from '$lib/i18n/config';
import { TEXT_SIZES } from '$lib/preferences';

/** Only paths on this site, so a crafted form cannot send people elsewhere. */
export const redirectTo = z
	.string()
	.optional()
	.transform((value) => (value && /^\/(?![/\\])/.test(value) ? value : '/'));

export const localeSchema = z.object({
	locale: z.enum(LOCALES, says('validation.invalid')),
	redirect_to: redirectTo
});

export const displaySchema = z.object({
	text_size: z.enum(TEXT_SIZES, says('validation.invalid')),
	high_contrast: z.boolean(),
	redirect_to: redirectTo
});
