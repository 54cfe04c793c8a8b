// Lessons (the `sessions` table) and their verbs: propose, answer, move, cancel, report an absence,
// confirm with the learner's code, and feedback. Every verb is one database function; refusals the
// person can act on come back as `LessonRefusal` with the database's stable `details` key.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Database, Supabase, Tables } from '../../types/db';
import { check, checkList } from './errors';

export type Lesson = Pick<
	Tables<'sessions'>,
	| 'id'
	| 'kind'
	| 'request_id'
	| 'skill_id'
	| 'teacher_id'
	| 'ward_id'
	| 'place_type'
	| 'venue_id'
	| 'starts_at'
	| 'ends_at'
	| 'status'
	| 'cancel_reason'
	| 'expires_at'
	| 'completed_at'
>;

export type Participant = Pick<
	Tables<'session_participants'>,
	'session_id' | 'profile_id' | 'status'
>;
export type LessonPlace = Database['public']['Functions']['lesson_place']['Returns'][number];
export type Step = Pick<
	Tables<'skill_steps'>,
	'id' | 'position' | 'title_vi' | 'title_en' | 'details_vi' | 'details_en'
>;
export type Material = Pick<
	Tables<'learning_materials'>,
	'id' | 'kind' | 'title' | 'url' | 'language'
>;
export type Feedback = Pick<Tables<'feedback'>, 'rating' | 'comment' | 'mastered_step_ids'>;
export type PlaceType = 'home' | 'venue' | 'near_point';

/** `place_note` is left out on purpose: the database gives it only through `lesson_place()`. */
const COLUMNS =
	'id, kind, request_id, skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at, status, cancel_reason, expires_at, completed_at';

/** Refusal keys the lesson functions raise in `details`, which the pages translate. */
export const REFUSALS = [
	'request_taken',
	'request_missing',
	'teacher_busy',
	'learner_busy',
	'in_the_past',
	'not_invited',
	'not_your_session',
	'reason_required',
	'not_live',
	'not_now',
	'not_scheduled',
	'too_early',
	'too_late',
	'not_a_participant',
	'session_full',
	'step_not_in_skill',
	'feedback_given',
	'not_allowed',
	'device_card_required',
	'codes_rule_required',
	'longer_than_lesson',
	'consent_required',
	'too_young_to_teach',
	'minor_not_at_home',
	'guardian_consent_required',
	'not_yours',
	'not_matched',
	'invitation_pending',
	'invitation_closed'
] as const;
export type Refusal = (typeof REFUSALS)[number];

/** A refusal the person can understand and act on (a clash, a lapsed proposal…). */
export class LessonRefusal extends Error {
	constructor(readonly reason: Refusal) {
		super(reason);
		this.name = 'LessonRefusal';
	}
}

/** Turns a database refusal into a `LessonRefusal`; anything else stays a DbError. */
export function checkVerb<T>(
	operation: string,
	result: { data: T; error: PostgrestError | null }
): T {
	const details = result.error?.details as Refusal | undefined;
	if (details && (REFUSALS as readonly string[]).includes(details))
		throw new LessonRefusal(details);
	// Row-level security and the grants answer 42501 without a key: the person may not do this.
	if (result.error?.code === '42501') throw new LessonRefusal('not_allowed');
	return check(operation, result);
}

export interface ProposalInput {
	requestId: number;
	startsAt: Date;
	endsAt: Date;
	placeType: PlaceType;
	venueId: number | null;
	placeNote: string;
}

/** The signed-in volunteer proposes a lesson for an open request; returns the lesson's id. */
export async function propose(supabase: Supabase, input: ProposalInput): Promise<number> {
	const id = checkVerb(
		'lessons.propose',
		await supabase.rpc('propose_lesson', {
			p_request_id: input.requestId,
			p_starts_at: input.startsAt.toISOString(),
			p_ends_at: input.endsAt.toISOString(),
			p_place_type: input.placeType,
			p_venue_id: input.placeType === 'venue' ? (input.venueId ?? undefined) : undefined,
			p_place_note: input.placeNote
		})
	);
	if (id === null) throw new Error('lessons.propose: no id came back');
	return id;
}

/** Accepts or declines, for oneself or (`forId`) for a learner one answers for. */
export async function answer(
	supabase: Supabase,
	id: number,
	accept: boolean,
	reason: string,
	forId: string | null
): Promise<string | null> {
	return checkVerb(
		'lessons.answer',
		await supabase.rpc('answer_lesson', {
			p_session_id: id,
			p_accept: accept,
			p_reason: reason || undefined,
			p_for: forId ?? undefined
		})
	);
}

export async function reschedule(
	supabase: Supabase,
	id: number,
	startsAt: Date,
	endsAt: Date,
	reason: string
): Promise<void> {
	checkVerb(
		'lessons.reschedule',
		await supabase.rpc('reschedule_lesson', {
			p_session_id: id,
			p_starts_at: startsAt.toISOString(),
			p_ends_at: endsAt.toISOString(),
			p_reason: reason
		})
	);
}

export async function cancel(supabase: Supabase, id: number, reason: string): Promise<void> {
	checkVerb(
		'lessons.cancel',
		await supabase.rpc('cancel_lesson', { p_session_id: id, p_reason: reason })
	);
}

export async function reportNoShow(
	supabase: Supabase,
	id: number,
	absentId: string,
	note: string
): Promise<void> {
	checkVerb(
		'lessons.reportNoShow',
		await supabase.rpc('report_no_show', { p_session_id: id, p_absent_id: absentId, p_note: note })
	);
}

export type ConfirmOutcome = Database['public']['Functions']['confirm_session']['Returns'][number];

/**
 * The teacher types the learner's code; or (`learnerId`, no code) a coordinator or helper confirms
 * for an assisted learner. Wrong codes are counted, not raised: see `outcome`.
 */
export async function confirm(
	supabase: Supabase,
	id: number,
	code: string | null,
	learnerId: string | null
): Promise<ConfirmOutcome> {
	const rows = checkVerb(
		'lessons.confirm',
		await supabase.rpc('confirm_session', {
			p_session_id: id,
			p_code: code ?? undefined,
			p_learner_id: learnerId ?? undefined
		})
	);
	const first = rows?.[0];
	if (!first) throw new Error('lessons.confirm: no outcome came back');
	return first;
}

/** A coordinator lets the teacher try codes again; true when the lesson was locked. */
export async function unlockCode(supabase: Supabase, id: number): Promise<boolean> {
	const locked = checkVerb(
		'lessons.unlockCode',
		await supabase.rpc('unlock_session_code', { p_session_id: id })
	);
	return Boolean(locked);
}

/** One lesson as the caller may see it, or null. */
export async function get(supabase: Supabase, id: number): Promise<Lesson | null> {
	return check(
		'lessons.get',
		await supabase.from('sessions').select(COLUMNS).eq('id', id).maybeSingle()
	);
}

/** Lessons by id (those the caller may see), soonest first. */
export async function listByIds(supabase: Supabase, ids: number[]): Promise<Lesson[]> {
	if (!ids.length) return [];
	return checkList(
		'lessons.listByIds',
		await supabase.from('sessions').select(COLUMNS).in('id', ids).order('starts_at')
	);
}

/** Lessons the person teaches. */
export async function listTaught(supabase: Supabase, teacherId: string): Promise<Lesson[]> {
	return checkList(
		'lessons.listTaught',
		await supabase
			.from('sessions')
			.select(COLUMNS)
			.eq('teacher_id', teacherId)
			.order('starts_at')
			.limit(200)
	);
}

/** Participations of these people (oneself and the learners one registered), newest first. */
export async function participationsOf(
	supabase: Supabase,
	profileIds: string[]
): Promise<Participant[]> {
	return checkList(
		'lessons.participationsOf',
		await supabase
			.from('session_participants')
			.select('session_id, profile_id, status')
			.in('profile_id', profileIds)
			.order('joined_at', { ascending: false })
			.limit(200)
	);
}

/** The participants of one lesson that the caller may see. */
export async function participants(supabase: Supabase, id: number): Promise<Participant[]> {
	return checkList(
		'lessons.participants',
		await supabase
			.from('session_participants')
			.select('session_id, profile_id, status')
			.eq('session_id', id)
	);
}

/** Where the lesson happens, as far as the caller may know (see `lesson_place()`). */
export async function place(supabase: Supabase, id: number): Promise<LessonPlace | null> {
	const rows = checkList('lessons.place', await supabase.rpc('lesson_place', { p_session_id: id }));
	return rows[0] ?? null;
}

/** The caller's own confirmation code for the lesson (only a learner has one). */
export async function myCode(supabase: Supabase, id: number, me: string): Promise<string | null> {
	const row = check(
		'lessons.myCode',
		await supabase
			.from('session_codes')
			.select('code')
			.eq('session_id', id)
			.eq('profile_id', me)
			.maybeSingle()
	);
	return row?.code ?? null;
}

export async function steps(supabase: Supabase, skillId: number): Promise<Step[]> {
	return checkList(
		'lessons.steps',
		await supabase
			.from('skill_steps')
			.select('id, position, title_vi, title_en, details_vi, details_en')
			.eq('skill_id', skillId)
			.order('position')
	);
}

export async function materials(supabase: Supabase, skillId: number): Promise<Material[]> {
	return checkList(
		'lessons.materials',
		await supabase
			.from('learning_materials')
			.select('id, kind, title, url, language')
			.eq('skill_id', skillId)
			// RLS hides retired material from everyone but its ward's board; a coordinator who
			// teaches sees the lesson page as volunteers do.
			.is('retired_at', null)
			.order('id')
	);
}

export async function myFeedback(
	supabase: Supabase,
	id: number,
	me: string
): Promise<Feedback | null> {
	return check(
		'lessons.myFeedback',
		await supabase
			.from('feedback')
			.select('rating, comment, mastered_step_ids')
			.eq('session_id', id)
			.eq('author_id', me)
			.maybeSingle()
	);
}

export interface FeedbackInput {
	rating: number;
	comment: string;
	masteredStepIds: number[];
}

/** Saves the caller's feedback on a completed lesson (once). */
export async function giveFeedback(
	supabase: Supabase,
	id: number,
	me: string,
	input: FeedbackInput
): Promise<void> {
	const result = await supabase.from('feedback').insert({
		session_id: id,
		author_id: me,
		rating: input.rating,
		comment: input.comment,
		mastered_step_ids: input.masteredStepIds
	});
	// One feedback per person and lesson: a second post (a double tap) is told so.
	if (result.error?.code === '23505') throw new LessonRefusal('feedback_given');
	checkVerb('lessons.giveFeedback', result);
}

/** Participants of these lessons that the caller may see (the teacher sees their learners). */
export async function participationsInSessions(
	supabase: Supabase,
	sessionIds: number[]
): Promise<Participant[]> {
	if (!sessionIds.length) return [];
	return checkList(
		'lessons.participationsInSessions',
		await supabase
			.from('session_participants')
			.select('session_id, profile_id, status')
			.in('session_id', sessionIds)
	);
}
