// The "ask for help" form: one skill, where, when, notes and needs.
import { z } from 'zod';
import {
	ACCESSIBILITY_NEEDS,
	PLACE_TYPES,
	PREFERRED_TIMES,
	type PreferredTime
} from '$lib/requests/options';

export const HELP_REQUEST_ARRAY_FIELDS = ['preferred_times', 'accessibility_needs'] as const;

const id = (error: string) => z.string({ error }).regex(/^\d+$/, { error }).transform(Number);

const optionalCoordinate = (min: number, max: number) =>
	z
		.string()
		.optional()
		.transform((value) => (value ? Number(value) : null))
		.refine((value) => value === null || (Number.isFinite(value) && value >= min && value <= max), {
			message: 'requests.validation.point_required'
		});

export const helpRequestSchema = z
	.object({
		skill_id: id('requests.validation.skill_required'),
		place_type: z.enum(PLACE_TYPES, { error: 'requests.validation.place_required' }),
		venue_id: z
			.string()
			.optional()
			.transform((value) => (value && /^\d+$/.test(value) ? Number(value) : null)),
		near_lat: optionalCoordinate(-90, 90),
		near_lng: optionalCoordinate(-180, 180),
		preferred_times: z
			.array(z.enum(PREFERRED_TIMES as [PreferredTime, ...PreferredTime[]]), {
				error: 'validation.invalid'
			})
			.min(1, { error: 'requests.validation.times_required' }),
		notes: z
			.string()
			.optional()
			.transform((value) => (value ?? '').trim())
			.pipe(z.string().max(1000, { error: 'requests.validation.notes_too_long' })),
		accessibility_needs: z.array(z.enum(ACCESSIBILITY_NEEDS), { error: 'validation.invalid' })
	})
	.refine((value) => value.place_type !== 'venue' || value.venue_id !== null, {
		message: 'requests.validation.venue_required',
		path: ['venue_id']
	})
	.refine(
		(value) =>
			value.place_type !== 'near_point' || (value.near_lat !== null && value.near_lng !== null),
		{ message: 'requests.validation.point_required', path: ['near_lat'] }
	);

export type HelpRequestInput = z.output<typeof helpRequestSchema>;
