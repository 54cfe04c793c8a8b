// The onboarding and profile forms: the same fields, onboarding also asks for consent.
import { z } from 'zod';
import { SPOKEN_LANGUAGES } from '$lib/languages';
import { TEXT_SIZES } from '$lib/preferences';

export const PROFILE_ARRAY_FIELDS = ['languages'] as const;

const checkbox = z.literal('on').optional().transform(Boolean);

const coordinate = (min: number, max: number) =>
	z
		.string()
		.optional()
		.transform((value) => (value ? Number(value) : null))
		.refine((value) => value === null || (Number.isFinite(value) && value >= min && value <= max), {
			message: 'validation.location_invalid'
		});

export const profileSchema = z
	.object({
		display_name: z
			.string({ error: 'validation.display_name_required' })
			.trim()
			.min(1, { error: 'validation.display_name_required' })
			.max(60, { error: 'validation.display_name_too_long' }),
		wants_to_learn: checkbox,
		can_teach: checkbox,
		ward_id: z
			.string({ error: 'validation.ward_required' })
			.regex(/^\d+$/, { error: 'validation.ward_required' })
			.transform(Number),
		lat: coordinate(-90, 90),
		lng: coordinate(-180, 180),
		languages: z
			.array(z.enum(SPOKEN_LANGUAGES, { error: 'validation.invalid' }))
			.min(1, { error: 'validation.language_required' }),
		text_size: z.enum(TEXT_SIZES, { error: 'validation.invalid' }).default('normal'),
		high_contrast: checkbox
	})
	.refine((value) => value.wants_to_learn || value.can_teach, {
		message: 'validation.role_required',
		path: ['roles']
	})
	.refine((value) => (value.lat === null) === (value.lng === null), {
		message: 'validation.location_invalid',
		path: ['lat']
	});

export const onboardingSchema = z.intersection(
	profileSchema,
	z.object({
		consent_terms: z.literal('on', { error: 'validation.consent_terms_required' }),
		consent_personal_data: z.literal('on', { error: 'validation.consent_data_required' })
	})
);

export type ProfileInput = z.output<typeof profileSchema>;
