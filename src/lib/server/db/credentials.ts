// Recognition that travels: an award as its credential needs it, the public view of an award by its
// token, the lessons of the certificate of volunteer hours, and the ward's monthly recognition list.
// Relative imports only: a plain Node process (the worker) has no SvelteKit aliases.
import type { Database, Supabase } from '../../types/db';
import { check, checkList } from './errors';

type Functions = Database['public']['Functions'];
export type PublicAward = Functions['award_by_token']['Returns'][number];
export type VolunteerLesson = Functions['my_volunteer_lessons']['Returns'][number];
export type RecognitionRow = Functions['ward_recognition']['Returns'][number];

/** One of the caller's own awards with what its credential says (RLS: only the owner's rows). */
export async function ownAward(supabase: Supabase, awardId: number, profileId: string) {
	return check(
		'credentials.ownAward',
		await supabase
			.from('badge_awards')
			.select(
				'id, verify_token, recipient_salt, awarded_at, profile_id, badge:badge_definitions (slug, kind, name_vi, name_en, description_vi, description_en)'
			)
			.eq('id', awardId)
			.eq('profile_id', profileId)
			.maybeSingle()
	);
}

/** The badges a lesson just earned the caller (shown on the lesson page after completion). */
export async function earnedBy(supabase: Supabase, sessionId: number, profileId: string) {
	return checkList(
		'credentials.earnedBy',
		await supabase
			.from('badge_awards')
			.select('id, badge:badge_definitions (kind, name_vi, name_en)')
			.eq('session_id', sessionId)
			.eq('profile_id', profileId)
			.order('id')
	);
}

/** Whether the award exists and what its owner shows; `service` must be the service-role client. */
export async function byToken(service: Supabase, token: string): Promise<PublicAward | null> {
	const rows = checkList(
		'credentials.byToken',
		await service.rpc('award_by_token', { p_token: token })
	);
	return rows[0] ?? null;
}

/** The caller's counted lessons taught, oldest first. */
export async function volunteerLessons(supabase: Supabase): Promise<VolunteerLesson[]> {
	return checkList('credentials.volunteerLessons', await supabase.rpc('my_volunteer_lessons'));
}

/**
 * A ward's recognition list for one month (`YYYY-MM`); the database refuses anyone but the ward's
 * coordinators (42501, thrown as DbError) and writes the export to the audit log.
 */
export async function wardRecognition(
	supabase: Supabase,
	wardId: number,
	month: string,
	format: 'csv' | 'print'
): Promise<RecognitionRow[]> {
	return checkList(
		'credentials.wardRecognition',
		await supabase.rpc('ward_recognition', { p_ward_id: wardId, p_month: month, p_format: format })
	);
}

/** The verification tokens of the caller's own awards, by award id. */
export async function tokensOf(
	supabase: Supabase,
	profileId: string
): Promise<Map<number, string>> {
	const rows = checkList(
		'credentials.tokensOf',
		await supabase.from('badge_awards').select('id, verify_token').eq('profile_id', profileId)
	);
	return new Map(rows.map((r) => [r.id, r.verify_token]));
}
