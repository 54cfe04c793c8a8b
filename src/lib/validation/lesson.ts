// The lesson forms: propose, answer, move, cancel, report an absence, confirm with a code, feedback.
// Dates and times are what the page's inputs send (`YYYY-MM-DD`, `HH:MM`, in Vietnam).
import { z } from 'zod';
import { says } from '$lib/forms/messages';
import { DURATIONS } from '$lib/lessons/time';

const MAX_INT = 2_147_483_647;
const PLACE_TYPES = ['home', 'venue', 'near_point'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const date = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, says('lessons.validation.date_required'));
const time = z
	.string()
	.trim()
	.regex(/^\d{2}:\d{2}$/, says('lessons.validation.time_required'));
const minutes = z
	.number()
	.int()
	.refine((m) => (DURATIONS as readonly number[]).includes(m), says('lessons.validation.duration'))
	.default(60);
const reason = z
	.string()
	.trim()
	.min(1, says('lessons.validation.reason_required'))
	.max(500, says('lessons.validation.too_long'));

export const proposeSchema = z
	.object({
		request_id: z.number().int().min(1).max(MAX_INT),
		date,
		time,
		minutes,
		place_type: z.enum(PLACE_TYPES, says('lessons.validation.place_required')).default('venue'),
		/** 0 when no venue is chosen. */
		venue_id: z.number().int().min(0).max(MAX_INT).default(0),
		place_note: z.string().trim().max(300, says('lessons.validation.too_long')).default('')
	})
	.refine((v) => v.place_type !== 'venue' || v.venue_id > 0, {
		...says('lessons.validation.venue_required'),
		path: ['venue_id']
	})
	.refine((v) => v.place_type !== 'near_point' || v.place_note.length > 0, {
		...says('lessons.validation.place_note_required'),
		path: ['place_note']
	});

export const answerSchema = z.object({
	decision: z.enum(['accept', 'decline']).default('accept'),
	reason: z.string().trim().max(500, says('lessons.validation.too_long')).default(''),
	/** The learner answered for (an assisted learner), or '' for oneself. */
	for_id: z.string().regex(UUID).or(z.literal('')).default('')
});

export const rescheduleSchema = z.object({ date, time, minutes, reason });

export const cancelSchema = z.object({ reason });

export const noShowSchema = z.object({
	absent_id: z.string().regex(UUID, says('lessons.validation.absent_required')),
	note: z.string().trim().max(500, says('lessons.validation.too_long')).default('')
});

export const confirmSchema = z.object({
	code: z
		.string()
		.trim()
		.regex(/^\d{6}$/, says('lessons.validation.code_format'))
});

/** A coordinator or helper confirms for an assisted learner: no code, the learner's id. */
export const confirmForSchema = z.object({
	learner_id: z.string().regex(UUID, says('lessons.validation.absent_required'))
});

export const feedbackSchema = z.object({
	rating: z
		.number(says('lessons.validation.rating_required'))
		.int(says('lessons.validation.rating_required'))
		.min(1, says('lessons.validation.rating_required'))
		.max(5, says('lessons.validation.rating_required')),
	comment: z.string().trim().max(2000, says('lessons.validation.too_long')).default(''),
	mastered: z.array(z.number().int().min(1).max(MAX_INT)).max(100).default([])
});

export type ProposeInput = z.output<typeof proposeSchema>;

/** A learner (or her helper) invites a volunteer from the request's match list. */
export const inviteSchema = z.object({
	volunteer_id: z.string().regex(UUID),
	date,
	time,
	minutes,
	place_note: z.string().trim().max(300, says('lessons.validation.too_long')).default('')
});

export type InviteInput = z.infer<typeof inviteSchema>;

/** The invited volunteer's answer, one form per invitation in the list. */
export const invitationAnswerSchema = z.object({
	invitation_id: z.number().int().min(1).max(MAX_INT),
	decision: z.enum(['accept', 'decline']).default('accept')
});

/** The inviter takes an invitation back. */
export const withdrawInvitationSchema = z.object({
	invitation_id: z.number().int().min(1).max(MAX_INT)
});
