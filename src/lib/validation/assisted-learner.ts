// Registering a neighbour without a smartphone, with the consent they gave in person.
import { z } from 'zod';
import { says } from '$lib/forms/messages';
import { normalizeVietnamesePhone } from '$lib/phone';
import { ACCESSIBILITY_NEEDS, PREFERRED_TIMES, type PreferredTime } from '$lib/requests/options';

const MAX_INT = 2_147_483_647;
const id = (key: Parameters<typeof says>[0]) =>
	z.number(says(key)).int(says(key)).min(1, says(key)).max(MAX_INT, says(key));
const coordinate = (min: number, max: number) =>
	z
		.number(says('validation.location_invalid'))
		.min(min, says('validation.location_invalid'))
		.max(max, says('validation.location_invalid'))
		.nullable();

export const assistedLearnerSchema = z
	.object({
		display_name: z
			.string(says('validation.display_name_required'))
			.trim()
			.min(1, says('validation.display_name_required'))
			.max(60, says('validation.display_name_too_long')),
		/** Optional: many have a basic phone that receives SMS. */
		phone: z
			.string()
			.trim()
			.default('')
			.refine(
				(v) => v === '' || normalizeVietnamesePhone(v) !== null,
				says('validation.phone_invalid')
			),
		ward_id: id('validation.ward_required'),
		/** The approximate place, picked on the map; null keeps the ward centre. */
		lat: coordinate(-90, 90),
		lng: coordinate(-180, 180),
		skill_id: id('requests.validation.skill_required'),
		preferred_times: z
			.array(z.enum(PREFERRED_TIMES as [PreferredTime, ...PreferredTime[]]))
			.min(1, says('requests.validation.times_required'))
			.max(PREFERRED_TIMES.length),
		accessibility_needs: z.array(z.enum(ACCESSIBILITY_NEEDS)).max(ACCESSIBILITY_NEEDS.length),
		notes: z.string().trim().max(1000, says('requests.validation.notes_too_long')).default(''),
		consent: z.boolean().refine(Boolean, says('matching.assisted.consent_required'))
	})
	.refine((value) => (value.lat === null) === (value.lng === null), {
		...says('validation.location_invalid'),
		path: ['lat']
	});

export type AssistedLearnerInput = z.output<typeof assistedLearnerSchema>;

export const ASSISTED_FIELD_TARGETS: Record<string, string> = {
	skill_id: 'skill_id',
	preferred_times: 'preferred_times',
	lat: 'lat-error',
	consent: 'consent'
};
