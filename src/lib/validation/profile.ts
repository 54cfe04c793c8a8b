// The onboarding and profile forms: the same fields, onboarding also asks for consent.
import { z } from 'zod';
import { says } from '$lib/forms/messages';
import { SPOKEN_LANGUAGES } from '$lib/languages';
import { TEXT_SIZES } from '$lib/preferences';

/** Ward ids are Postgres integers: anything longer is a tampered form, not a ward. */
const MAX_INT = 2_147_483_647;

const coordinate = (min: number, max: number) =>
	z
		.number(says('validation.location_invalid'))
		.min(min, says('validation.location_invalid'))
		.max(max, says('validation.location_invalid'))
		.nullable();

const profileFields = z.object({
	display_name: z
		.string(says('validation.display_name_required'))
		.trim()
		.min(1, says('validation.display_name_required'))
		.max(60, says('validation.display_name_too_long')),
	wants_to_learn: z.boolean(),
	can_teach: z.boolean(),
	// An empty choice arrives as 0.
	ward_id: z
		.number(says('validation.ward_required'))
		.int(says('validation.ward_required'))
		.min(1, says('validation.ward_required'))
		.max(MAX_INT, says('validation.ward_required')),
	/** A point picked on the map; null keeps the ward centre. */
	lat: coordinate(-90, 90),
	lng: coordinate(-180, 180),
	languages: z
		.array(z.enum(SPOKEN_LANGUAGES))
		.min(1, says('validation.language_required'))
		.max(SPOKEN_LANGUAGES.length),
	text_size: z.enum(TEXT_SIZES).default('normal'),
	high_contrast: z.boolean()
});

/** Checks across fields, shared by both forms. */
function crossChecks<T extends z.infer<typeof profileFields>>(schema: z.ZodType<T>) {
	return schema
		.refine((value) => value.wants_to_learn || value.can_teach, {
			...says('validation.role_required'),
			path: ['roles']
		})
		.refine((value) => (value.lat === null) === (value.lng === null), {
			...says('validation.location_invalid'),
			path: ['lat']
		});
}

export const profileSchema = crossChecks(profileFields);

export const onboardingSchema = crossChecks(
	profileFields.extend({
		consent_terms: z.boolean().refine(Boolean, says('validation.consent_terms_required')),
		consent_personal_data: z.boolean().refine(Boolean, says('validation.consent_data_required')),
		redirect_to: z.string().default('/')
	})
);

export type ProfileInput = z.output<typeof profileSchema>;
