// The "ask for help" form: one skill, where, when, notes and needs.
import { z } from 'zod';
import { says } from '$lib/forms/messages';
import {
	ACCESSIBILITY_NEEDS,
	PLACE_TYPES,
	PREFERRED_TIMES,
	type PreferredTime
} from '$lib/requests/options';

/** Ids are Postgres integers: anything longer is a tampered form. */
const MAX_INT = 2_147_483_647;

const coordinate = (min: number, max: number) =>
	z
		.number(says('requests.validation.point_required'))
		.min(min, says('requests.validation.point_required'))
		.max(max, says('requests.validation.point_required'))
		.nullable();

export const helpRequestSchema = z
	.object({
		// An empty choice arrives as 0.
		skill_id: z
			.number(says('requests.validation.skill_required'))
			.int(says('requests.validation.skill_required'))
			.min(1, says('requests.validation.skill_required'))
			.max(MAX_INT, says('requests.validation.skill_required')),
		place_type: z.enum(PLACE_TYPES, says('requests.validation.place_required')).default('home'),
		/** 0 when no venue is chosen. */
		venue_id: z.number().int().min(0).max(MAX_INT).default(0),
		near_lat: coordinate(-90, 90),
		near_lng: coordinate(-180, 180),
		preferred_times: z
			.array(z.enum(PREFERRED_TIMES as [PreferredTime, ...PreferredTime[]]))
			.min(1, says('requests.validation.times_required'))
			.max(PREFERRED_TIMES.length),
		notes: z.string().trim().max(1000, says('requests.validation.notes_too_long')).default(''),
		accessibility_needs: z.array(z.enum(ACCESSIBILITY_NEEDS)).max(ACCESSIBILITY_NEEDS.length)
	})
	.refine((value) => value.place_type !== 'venue' || value.venue_id > 0, {
		...says('requests.validation.venue_required'),
		path: ['venue_id']
	})
	.refine(
		(value) =>
			value.place_type !== 'near_point' || (value.near_lat !== null && value.near_lng !== null),
		{ ...says('requests.validation.point_required'), path: ['near_lat'] }
	);

export type HelpRequestInput = z.output<typeof helpRequestSchema>;

/** Where the error summary's links land for fields whose element id differs from their name. */
export const REQUEST_FIELD_TARGETS: Record<string, string> = {
	skill_id: 'skill_id',
	place_type: 'place_type',
	near_lat: 'near_lat',
	preferred_times: 'preferred_times'
};
