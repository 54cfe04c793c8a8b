// The offer-help form: a level (or "not taught") per skill, radius, weekly times, places, languages.
import { z } from 'zod';
import { says } from '$lib/forms/messages';
import { SPOKEN_LANGUAGES } from '$lib/languages';
import {
	LEVELS,
	PART_TIMES,
	PARTS,
	TEACHING_PLACES,
	WEEKDAYS,
	type Part
} from '$lib/matching/offer-options';

const BOXES = WEEKDAYS.flatMap((day) => PARTS.map((part) => `${day}_${part}` as const));
/** One select per skill; its value is "<skill id>:<level>" or "<skill id>:none". */
const SKILL_CHOICE = /^(\d{1,10}):(none|beginner|confident|expert)$/;

export const volunteerOfferSchema = z.object({
	skills: z
		.array(z.string().regex(SKILL_CHOICE))
		.max(500)
		.refine(
			(choices) => choices.some((c) => !c.endsWith(':none')),
			says('matching.validation.skills_required')
		),
	radius_m: z.number().int().min(200).max(50000),
	slots: z.array(z.enum(BOXES)).max(BOXES.length),
	places: z
		.array(z.enum(TEACHING_PLACES))
		.min(1, says('matching.validation.places_required'))
		.max(TEACHING_PLACES.length),
	languages: z
		.array(z.enum(SPOKEN_LANGUAGES))
		.min(1, says('validation.language_required'))
		.max(SPOKEN_LANGUAGES.length)
});

export type VolunteerOfferInput = z.output<typeof volunteerOfferSchema>;

/** The arguments of save_volunteer_offer, from what the form posted. */
export function offerToSave(input: VolunteerOfferInput) {
	return {
		skills: input.skills.flatMap((choice) => {
			const [, id, level] = SKILL_CHOICE.exec(choice) ?? [];
			return level && level !== 'none' && LEVELS.includes(level as (typeof LEVELS)[number])
				? [{ skill_id: Number(id), level }]
				: [];
		}),
		teaching_radius_m: input.radius_m,
		slots: input.slots.map((box) => {
			const [weekday, part] = box.split('_') as [string, Part];
			return { weekday: Number(weekday), ...PART_TIMES[part] };
		}),
		places: input.places,
		languages: input.languages
	};
}

export type VolunteerOfferSave = ReturnType<typeof offerToSave>;

export const OFFER_FIELD_TARGETS: Record<string, string> = {
	skills: 'skills',
	places: 'places',
	languages: 'languages'
};
