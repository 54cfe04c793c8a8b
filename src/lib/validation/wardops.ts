// The ward board's day-to-day forms (venues, classes, learning materials) and the citizen's
// report about a public digital service. Lists below mirror the database's check constraints.
import { z } from 'zod';
import { says } from '$lib/forms/messages';
import { DURATIONS } from '$lib/lessons/time';

const MAX_INT = 2_147_483_647;

import {
	DEVICES,
	MATERIAL_KINDS,
	MATERIAL_LANGUAGES,
	SERVICES,
	SERVICE_STEPS,
	VENUE_KINDS
} from '$lib/wardops/codes';

export { DEVICES, MATERIAL_KINDS, MATERIAL_LANGUAGES, SERVICES, SERVICE_STEPS, VENUE_KINDS };

const count = (max: number) =>
	z
		.number(says('wardops.validation.count'))
		.int()
		.min(0, says('wardops.validation.count'))
		.max(max, says('wardops.validation.count'));

/** Add or edit a venue of the ward; `id` 0 adds one. */
export const venueSchema = z.object({
	id: z.number().int().min(0).max(MAX_INT).default(0),
	kind: z.enum(VENUE_KINDS, says('wardops.validation.kind_required')).default('culture_house'),
	name_vi: z
		.string()
		.trim()
		.min(1, says('wardops.validation.name_required'))
		.max(160, says('wardops.validation.too_long')),
	address: z
		.string()
		.trim()
		.min(1, says('wardops.validation.address_required'))
		.max(300, says('wardops.validation.too_long')),
	lat: z
		.number(says('wardops.validation.lat'))
		.min(-90, says('wardops.validation.lat'))
		.max(90, says('wardops.validation.lat')),
	lng: z
		.number(says('wardops.validation.lng'))
		.min(-180, says('wardops.validation.lng'))
		.max(180, says('wardops.validation.lng')),
	devices: z.array(z.enum(DEVICES)).default([]),
	shared_tablets: count(500).default(0),
	computers: count(500).default(0),
	/** 0: seats not counted. */
	capacity: count(32_767).default(0),
	wheelchair_accessible: z.boolean().default(false)
});

/** Schedule a class at a venue of the ward. */
export const classSchema = z.object({
	venue_id: z.number().int().min(1, says('wardops.validation.venue_required')).max(MAX_INT),
	skill_id: z.number().int().min(1, says('wardops.validation.skill_required')).max(MAX_INT),
	teacher_id: z.uuid(says('wardops.validation.teacher_required')),
	date: z
		.string()
		.trim()
		.regex(/^\d{4}-\d{2}-\d{2}$/, says('lessons.validation.date_required')),
	time: z
		.string()
		.trim()
		.regex(/^\d{2}:\d{2}$/, says('lessons.validation.time_required')),
	minutes: z
		.number()
		.int()
		.refine(
			(m) => (DURATIONS as readonly number[]).includes(m),
			says('lessons.validation.duration')
		)
		.default(90),
	capacity: z
		.number(says('wardops.validation.capacity'))
		.int()
		.min(1, says('wardops.validation.capacity'))
		.max(200, says('wardops.validation.capacity'))
		.default(10),
	notes: z.string().trim().max(1000, says('wardops.validation.too_long')).default('')
});

/** Change a scheduled class: its time, length, seats and venue (the database checks the rest). */
export const classEditSchema = z.object({
	session_id: z.number().int().min(1).max(MAX_INT),
	venue_id: z.number().int().min(1, says('wardops.validation.venue_required')).max(MAX_INT),
	date: z
		.string()
		.trim()
		.regex(/^\d{4}-\d{2}-\d{2}$/, says('lessons.validation.date_required')),
	time: z
		.string()
		.trim()
		.regex(/^\d{2}:\d{2}$/, says('lessons.validation.time_required')),
	minutes: z
		.number()
		.int()
		.refine(
			(m) => (DURATIONS as readonly number[]).includes(m),
			says('lessons.validation.duration')
		)
		.default(90),
	capacity: z
		.number(says('wardops.validation.capacity'))
		.int()
		.min(1, says('wardops.validation.capacity'))
		.max(200, says('wardops.validation.capacity'))
		.default(10)
});

/** Cancel a scheduled class; the reason goes to every learner signed up. */
export const classCancelSchema = z.object({
	session_id: z.number().int().min(1).max(MAX_INT),
	reason: z
		.string()
		.trim()
		.min(3, says('wardops.validation.reason_required'))
		.max(500, says('wardops.validation.too_long'))
});

/** Add or edit a learning material; `id` 0 adds one. */
export const materialSchema = z.object({
	id: z.number().int().min(0).max(MAX_INT).default(0),
	skill_id: z.number().int().min(1, says('wardops.validation.skill_required')).max(MAX_INT),
	kind: z.enum(MATERIAL_KINDS, says('wardops.validation.kind_required')).default('video'),
	language: z.enum(MATERIAL_LANGUAGES, says('wardops.validation.kind_required')).default('vi'),
	title: z
		.string()
		.trim()
		.min(1, says('wardops.validation.title_required'))
		.max(200, says('wardops.validation.too_long')),
	url: z
		.string()
		.trim()
		.max(2000, says('wardops.validation.too_long'))
		.regex(/^https?:\/\/\S+$/, says('wardops.validation.url'))
});

/** Retire a material, or bring it back. */
export const retireSchema = z.object({
	id: z.number().int().min(1).max(MAX_INT),
	retire: z.boolean()
});

/** One learner's mark on the shared tablet. */
export const attendanceSchema = z.object({
	profile_id: z.uuid(says('validation.invalid')),
	present: z.boolean()
});

/** Sign up for a class, or leave it. */
export const classPlaceSchema = z.object({
	session_id: z.number().int().min(1).max(MAX_INT)
});

/** A citizen tells the ward what went wrong with a public digital service. */
export const serviceFeedbackSchema = z
	.object({
		service: z.enum(SERVICES, says('wardops.validation.service_required')),
		service_name: z.string().trim().max(100, says('wardops.validation.too_long')).default(''),
		step: z.enum(SERVICE_STEPS, says('wardops.validation.step_required')),
		what_happened: z
			.string()
			.trim()
			.min(5, says('wardops.validation.what_happened_required'))
			.max(2000, says('wardops.validation.too_long')),
		may_contact: z.boolean().default(false)
	})
	.refine((v) => v.service !== 'other' || v.service_name.length > 0, {
		...says('wardops.validation.service_name_required'),
		path: ['service_name']
	});

/** The board's date range (Vietnam days, inclusive); empty means open. */
export const rangeSchema = z.object({
	from: z.union([z.literal(''), z.iso.date()]).default(''),
	to: z.union([z.literal(''), z.iso.date()]).default('')
});
