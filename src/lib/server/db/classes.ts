// Classes: a skill taught at a venue of the ward to several learners, with a capacity the
// database never lets sign-ups exceed, and attendance taken on a shared tablet.
import type { Supabase, Tables } from '../../types/db';
import { check, checkList } from './errors';
import { checkWard } from './ward-refusal';

export type WardClass = Pick<
	Tables<'sessions'>,
	'id' | 'skill_id' | 'teacher_id' | 'venue_id' | 'starts_at' | 'ends_at' | 'capacity' | 'status'
> & { seats_taken: number };

export interface ClassInput {
	venueId: number;
	skillId: number;
	teacherId: string;
	startsAt: Date;
	endsAt: Date;
	capacity: number;
	notes: string;
}

/** A coordinator schedules a class (the database checks the ward, teacher and seats). */
export async function schedule(supabase: Supabase, input: ClassInput): Promise<number> {
	const id = checkWard(
		'classes.schedule',
		await supabase.rpc('schedule_class', {
			p_venue_id: input.venueId,
			p_skill_id: input.skillId,
			p_teacher_id: input.teacherId,
			p_starts_at: input.startsAt.toISOString(),
			p_ends_at: input.endsAt.toISOString(),
			p_capacity: input.capacity,
			p_notes: input.notes
		})
	);
	if (id === null) throw new Error('schedule_class returned no id');
	return id;
}

export interface ClassChange {
	startsAt: Date;
	endsAt: Date;
	capacity: number;
	venueId: number;
}

/**
 * A coordinator changes a scheduled class before it starts (the database checks the ward, the
 * venue, the seats taken and the ledger, and tells the learners).
 */
export async function edit(supabase: Supabase, sessionId: number, change: ClassChange) {
	checkWard(
		'classes.edit',
		await supabase.rpc('edit_class', {
			p_session_id: sessionId,
			p_starts_at: change.startsAt.toISOString(),
			p_ends_at: change.endsAt.toISOString(),
			p_capacity: change.capacity,
			p_venue_id: change.venueId
		})
	);
}

/** A coordinator cancels a scheduled class; every learner signed up receives the reason. */
export async function cancel(supabase: Supabase, sessionId: number, reason: string) {
	checkWard(
		'classes.cancel',
		await supabase.rpc('cancel_class', { p_session_id: sessionId, p_reason: reason })
	);
}

/** Who may teach a class of the ward (its verified volunteers and coordinators). */
export async function teachers(supabase: Supabase, wardId: number) {
	return checkList('classes.teachers', await supabase.rpc('class_teachers', { p_ward_id: wardId }));
}

/**
 * The ward's classes from a week ago on, soonest first, with seats taken (a coordinator reads
 * the ward's sessions and participants through RLS).
 */
export async function ofWard(supabase: Supabase, wardId: number): Promise<WardClass[]> {
	const since = new Date(Date.now() - 7 * 24 * 3600_000).toISOString();
	const rows = checkList(
		'classes.ofWard',
		await supabase
			.from('sessions')
			.select(
				'id, skill_id, teacher_id, venue_id, starts_at, ends_at, capacity, status, session_participants(status)'
			)
			.eq('ward_id', wardId)
			.eq('kind', 'class')
			.gte('starts_at', since)
			.order('starts_at')
			.limit(200)
	);
	return rows.map(({ session_participants, ...row }) => ({
		...row,
		seats_taken: session_participants.filter((p) => !['declined', 'cancelled'].includes(p.status))
			.length
	}));
}

/** Classes open for sign-up (all wards, or one), with seats taken and the caller's own place. */
export async function open(supabase: Supabase, wardId: number | null = null) {
	return checkList(
		'classes.open',
		await supabase.rpc('open_classes', wardId === null ? {} : { p_ward_id: wardId })
	);
}

/** The signed-in learner takes a seat (or takes it back). */
export async function join(supabase: Supabase, sessionId: number): Promise<void> {
	checkWard('classes.join', await supabase.rpc('join_class', { p_session_id: sessionId }));
}

/** The signed-in learner gives their seat back (the lesson verb, which keeps the reason). */
export async function leave(supabase: Supabase, sessionId: number, reason: string): Promise<void> {
	checkWard(
		'classes.leave',
		await supabase.rpc('cancel_lesson', { p_session_id: sessionId, p_reason: reason })
	);
}

/** One class as its teacher or a coordinator of its ward sees it, or null. */
export async function get(supabase: Supabase, sessionId: number) {
	return check(
		'classes.get',
		await supabase
			.from('sessions')
			.select(
				'id, kind, skill_id, ward_id, teacher_id, venue_id, starts_at, ends_at, capacity, status'
			)
			.eq('id', sessionId)
			.eq('kind', 'class')
			.maybeSingle()
	);
}

/** The class list for the tablet (names and marks, never phones). */
export async function roster(supabase: Supabase, sessionId: number) {
	return checkList(
		'classes.roster',
		await supabase.rpc('class_roster', { p_session_id: sessionId })
	);
}

/** Marks one learner present or absent; returns the new mark. */
export async function mark(
	supabase: Supabase,
	sessionId: number,
	profileId: string,
	present: boolean
): Promise<string | null> {
	return checkWard(
		'classes.mark',
		await supabase.rpc('mark_attendance', {
			p_session_id: sessionId,
			p_profile_id: profileId,
			p_present: present
		})
	);
}
