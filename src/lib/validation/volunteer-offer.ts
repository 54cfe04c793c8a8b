// The offer-help form: skills with a level each, radius, weekly times, places, languages.
import { z } from 'zod';
import { SPOKEN_LANGUAGES } from '$lib/languages';
import {
	LEVELS,
	PART_TIMES,
	PARTS,
	RADII_M,
	TEACHING_PLACES,
	WEEKDAYS
} from '$lib/matching/offer-options';

export const OFFER_ARRAY_FIELDS = ['skills', 'slots', 'places', 'languages'] as const;

const BOXES = WEEKDAYS.flatMap((day) => PARTS.map((part) => `${day}_${part}` as const));

export const volunteerOfferSchema = z
	.object({
		skills: z
			.array(z.string().regex(/^\d+$/, { error: 'validation.invalid' }))
			.min(1, { error: 'matching.validation.skills_required' }),
		radius_m: z
			.string({ error: 'validation.invalid' })
			.transform(Number)
			.pipe(
				z.union(
					RADII_M.map((r) => z.literal(r)),
					{ error: 'validation.invalid' }
				)
			),
		slots: z.array(z.enum(BOXES, { error: 'validation.invalid' })),
		places: z
			.array(z.enum(TEACHING_PLACES, { error: 'validation.invalid' }))
			.min(1, { error: 'matching.validation.places_required' }),
		languages: z
			.array(z.enum(SPOKEN_LANGUAGES, { error: 'validation.invalid' }))
			.min(1, { error: 'validation.language_required' })
	})
	.catchall(z.unknown())
	.transform((value) => ({
		skills: value.skills.map((id) => {
			const level = value[`level_${id}`];
			return {
				skill_id: Number(id),
				level: LEVELS.find((l) => l === level) ?? 'confident'
			};
		}),
		teaching_radius_m: value.radius_m,
		slots: value.slots.map((box) => {
			const [weekday, part] = box.split('_') as [string, (typeof PARTS)[number]];
			return { weekday: Number(weekday), ...PART_TIMES[part] };
		}),
		places: value.places,
		languages: value.languages
	}));

export type VolunteerOfferInput = z.output<typeof volunteerOfferSchema>;
