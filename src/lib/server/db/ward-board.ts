// The ward coordination board: what a ward's coordinators read and do, all through database
// functions that check the ward themselves (a coordinator of another ward gets 42501).
// Relative imports only: a plain Node process (the worker) has no SvelteKit aliases.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Database, Supabase } from '../../types/db';
import { check, checkList, DbError } from './errors';

type Functions = Database['public']['Functions'];

export interface WardChoice {
	id: number;
	name_vi: string;
	name_en: string;
	center_lat: number;
	center_lng: number;
}

export interface SkillFigure {
	skill_id: number;
	title_vi: string;
	title_en: string;
	lessons: number;
	people: number;
	hours: number;
}

export interface GroupFigure {
	/** A priority group of profiles.priority_groups, or 'none'. */
	group: string;
	people: number;
	attendances: number;
}

/** The figures of private.ward_figures: counted = completed lessons, reached = attended. */
export interface WardFigures {
	lessons: number;
	hours: number;
	people: number;
	/** Requests filed at least 48 hours ago (not cancelled) and those matched within 48 hours. */
	requests: number;
	matched_48h: number;
	by_skill: SkillFigure[];
	by_group: GroupFigure[];
}

export interface MonthFigure {
	/** YYYY-MM in Asia/Ho_Chi_Minh. */
	month: string;
	lessons: number;
	people: number;
	hours: number;
}

export interface UnmetSkill {
	skill_id: number;
	title_vi: string;
	title_en: string;
	open_requests: number;
	volunteers: number;
}

export interface Dashboard extends WardFigures {
	by_month: MonthFigure[];
	unmet: UnmetSkill[];
	this_month: string;
}

export interface MonthlyReport extends WardFigures {
	month: string;
}

export interface Candidate {
	volunteer_id: string;
	display_name: string | null;
	rank: number;
	distance_m: number;
	verified: boolean;
	lessons_taught: number;
	no_shows: number;
	matching_times: string[];
}

export type UnmetRequest = Omit<
	Functions['ward_unmet_requests']['Returns'][number],
	'candidates'
> & { candidates: Candidate[] };

export type RosterEntry = Functions['ward_volunteers']['Returns'][number];
export type DemandPoint = Functions['ward_demand_map']['Returns'][number];

export interface VolunteerDetails {
	profile_id: string;
	display_name: string | null;
	skills: { title_vi: string; title_en: string; level: string }[];
	verification: {
		verified_at: string;
		method: string;
		note: string | null;
		verified_by_name: string | null;
	} | null;
	suspensions: {
		id: number;
		reason: string;
		suspended_at: string;
		suspended_by_name: string | null;
		lifted_at: string | null;
	}[];
	no_shows: {
		reported_at: string;
		starts_at: string | null;
		skill_vi: string | null;
		skill_en: string | null;
	}[];
	lessons_taught: number;
}

/** The wards this person coordinates, with their names, sorted the Vietnamese way. */
export async function myWards(supabase: Supabase, profileId: string): Promise<WardChoice[]> {
	const ids = checkList(
		'wardBoard.myWards',
		await supabase.from('coordinator_assignments').select('ward_id').eq('profile_id', profileId)
	).map((row) => row.ward_id);
	if (ids.length === 0) return [];
	const wards = checkList(
		'wardBoard.myWards.names',
		await supabase
			.from('areas')
			.select('id, name_vi, name_en, center_lat, center_lng')
			.in('id', ids)
	);
	const collator = new Intl.Collator('vi');
	return wards.sort((a, b) => collator.compare(a.name_vi, b.name_vi));
}

export async function dashboard(supabase: Supabase, wardId: number): Promise<Dashboard> {
	const data = check(
		'wardBoard.dashboard',
		await supabase.rpc('ward_dashboard', { p_ward_id: wardId })
	);
	return data as unknown as Dashboard;
}

export async function demandMap(supabase: Supabase, wardId: number): Promise<DemandPoint[]> {
	return checkList(
		'wardBoard.demandMap',
		await supabase.rpc('ward_demand_map', { p_ward_id: wardId })
	);
}

/** The unmet requests with their candidates; each call is one audited view (call it once per page). */
export async function unmetRequests(
	supabase: Supabase,
	wardId: number,
	limit = 20
): Promise<UnmetRequest[]> {
	const rows = checkList(
		'wardBoard.unmetRequests',
		await supabase.rpc('ward_unmet_requests', { p_ward_id: wardId, p_limit: limit })
	);
	return rows.map((row) => ({ ...row, candidates: row.candidates as unknown as Candidate[] }));
}

/** Why an assignment was refused, as the database's stable `details` key. */
export type AssignRefusal =
	| 'request_taken'
	| 'not_a_candidate'
	| 'in_the_past'
	| 'teacher_busy'
	| 'learner_busy'
	| 'volunteer_suspended';

const ASSIGN_REFUSALS: readonly string[] = [
	'request_taken',
	'not_a_candidate',
	'in_the_past',
	'teacher_busy',
	'learner_busy',
	'volunteer_suspended'
];

/** One-click assignment: the new session's id, or why it was refused. */
export async function assign(
	supabase: Supabase,
	input: { requestId: number; volunteerId: string; startsAt: string; minutes: number }
): Promise<{ sessionId: number } | { refused: AssignRefusal }> {
	const { data, error } = await supabase.rpc('assign_request', {
		p_request_id: input.requestId,
		p_volunteer_id: input.volunteerId,
		p_starts_at: input.startsAt,
		p_minutes: input.minutes
	});
	if (error) {
		const refusal = refusalOf(error);
		if (refusal) return { refused: refusal };
		throw new DbError('wardBoard.assign', error);
	}
	return { sessionId: data };
}

function refusalOf(error: PostgrestError): AssignRefusal | null {
	const key = error.details ?? '';
	return ASSIGN_REFUSALS.includes(key) ? (key as AssignRefusal) : null;
}

/** The ward's volunteers; each call is one audited view (call it once per page). */
export async function roster(supabase: Supabase, wardId: number): Promise<RosterEntry[]> {
	return checkList(
		'wardBoard.roster',
		await supabase.rpc('ward_volunteers', { p_ward_id: wardId })
	);
}

/** One volunteer's details (written to the audit log), or null when not a volunteer of the ward. */
export async function volunteer(
	supabase: Supabase,
	wardId: number,
	profileId: string
): Promise<VolunteerDetails | null> {
	const data = check(
		'wardBoard.volunteer',
		await supabase.rpc('ward_volunteer', { p_ward_id: wardId, p_profile_id: profileId })
	);
	return (data as unknown as VolunteerDetails | null) ?? null;
}

/** volunteer_verifications.method (the form's list is in validation/ward-board.ts). */
export type VerificationMethod =
	'identity_document' | 'youth_union' | 'womens_union' | 'known_in_ward' | 'other';

/** Records that the coordinator checked this volunteer (policy: their ward, not themselves). */
export async function verify(
	supabase: Supabase,
	input: { wardId: number; profileId: string; method: VerificationMethod; note: string; by: string }
) {
	check(
		'wardBoard.verify',
		await supabase.from('volunteer_verifications').insert({
			profile_id: input.profileId,
			ward_id: input.wardId,
			method: input.method,
			note: input.note || null,
			verified_by: input.by
		})
	);
}

/** Withdraws a verification (the audit log keeps who and when). */
export async function unverify(supabase: Supabase, wardId: number, profileId: string) {
	check(
		'wardBoard.unverify',
		await supabase
			.from('volunteer_verifications')
			.delete()
			.eq('profile_id', profileId)
			.eq('ward_id', wardId)
	);
}

export async function suspend(
	supabase: Supabase,
	input: { wardId: number; profileId: string; reason: string }
) {
	check(
		'wardBoard.suspend',
		await supabase.from('volunteer_suspensions').insert({
			profile_id: input.profileId,
			ward_id: input.wardId,
			reason: input.reason
		})
	);
}

export async function lift(supabase: Supabase, wardId: number, profileId: string, by: string) {
	check(
		'wardBoard.lift',
		await supabase
			.from('volunteer_suspensions')
			.update({ lifted_at: new Date().toISOString(), lifted_by: by })
			.eq('profile_id', profileId)
			.eq('ward_id', wardId)
			.is('lifted_at', null)
	);
}

/** The month's figures, written to the audit log as an export in the given format. */
export async function monthlyReport(
	supabase: Supabase,
	wardId: number,
	month: string,
	format: 'csv' | 'print'
): Promise<MonthlyReport> {
	const data = check(
		'wardBoard.monthlyReport',
		await supabase.rpc('ward_monthly_report', {
			p_ward_id: wardId,
			p_month: `${month}-01`,
			p_format: format
		})
	);
	return data as unknown as MonthlyReport;
}
