// Neighbourhood groups: lists, one group with its totals and people, joining by asking, leaders
// letting people in, awards a leader proposes and the ward approves, and the opt-in rankings.
// Every rule lives in the database (RLS and functions); a refusal shows here as "nothing changed".
// Relative imports only: a plain Node process (the worker) has no SvelteKit aliases.
import type { Database, Supabase, Tables } from '../../types/db';
import type { PostgrestError } from '@supabase/supabase-js';
import { check, checkList, DbError } from './errors';

type Functions = Database['public']['Functions'];
export type Group = Pick<
	Tables<'neighbourhood_groups'>,
	'id' | 'name' | 'kind' | 'ward_id' | 'description' | 'ranked' | 'closed_at' | 'handover_to'
>;
export type GroupPerson = Functions['group_people']['Returns'][number];
export type GroupTotals = Functions['group_totals']['Returns'][number];
export type RankingRow = Functions['ward_rankings']['Returns'][number];
export type GroupAward = Pick<
	Tables<'group_awards'>,
	'id' | 'title' | 'reason' | 'status' | 'awarded_at'
>;
export interface Membership {
	group: Group;
	role: string;
	status: string;
}

const GROUP_COLUMNS = 'id, name, kind, ward_id, description, ranked, closed_at, handover_to';

/** Why the database refused a leadership change (its `detail` key), said in words on the page. */
export const LEADERSHIP_REFUSALS = [
	'last_leader',
	'not_leader',
	'not_member',
	'other_ward',
	'closed',
	'no_offer'
] as const;
export type LeadershipRefusal = (typeof LEADERSHIP_REFUSALS)[number];

/** Null when done; the refusal's key when the database said no for a reason a person can act on. */
function refusalOf(operation: string, error: PostgrestError | null): LeadershipRefusal | null {
	if (!error) return null;
	const key = LEADERSHIP_REFUSALS.find((k) => k === error.details);
	if (key) return key;
	if (error.code === '42501') return 'not_leader';
	throw new DbError(operation, error);
}

/** The groups the person belongs to or asked to join. */
export async function mine(supabase: Supabase, userId: string): Promise<Membership[]> {
	const rows = checkList(
		'groups.mine',
		await supabase
			.from('group_members')
			.select(`role, status, neighbourhood_groups (${GROUP_COLUMNS})`)
			.eq('profile_id', userId)
	);
	return rows.flatMap((row) =>
		row.neighbourhood_groups
			? [{ group: row.neighbourhood_groups, role: row.role, status: row.status }]
			: []
	);
}

/** Every group of a ward, by name. */
export async function inWard(supabase: Supabase, wardId: number): Promise<Group[]> {
	return checkList(
		'groups.inWard',
		await supabase
			.from('neighbourhood_groups')
			.select(GROUP_COLUMNS)
			.eq('ward_id', wardId)
			.order('name')
	);
}

export async function get(supabase: Supabase, id: number): Promise<Group | null> {
	return check(
		'groups.get',
		await supabase.from('neighbourhood_groups').select(GROUP_COLUMNS).eq('id', id).maybeSingle()
	);
}

/** Creates a group in a ward; the database lets coordinators of the ward and its verified volunteers. */
export async function create(
	supabase: Supabase,
	input: { ward_id: number; name: string; kind: string; description: string }
): Promise<number | null> {
	const { data, error } = await supabase
		.from('neighbourhood_groups')
		.insert(input)
		.select('id')
		.maybeSingle();
	if (error?.code === '42501') return null;
	return check('groups.create', { data, error })?.id ?? null;
}

/** Members, lessons, hours, and badges its members show (counts only). */
export async function totals(supabase: Supabase, id: number): Promise<GroupTotals | null> {
	const rows = checkList('groups.totals', await supabase.rpc('group_totals', { p_group_id: id }));
	return rows[0] ?? null;
}

/** The people of the group the caller may see (members; requests for leaders and the ward). */
export async function people(supabase: Supabase, id: number): Promise<GroupPerson[]> {
	return checkList('groups.people', await supabase.rpc('group_people', { p_group_id: id }));
}

/** Asks to join; false when a row already exists (asked before, or a member). */
export async function requestToJoin(supabase: Supabase, id: number, userId: string) {
	const { error } = await supabase
		.from('group_members')
		.insert({ group_id: id, profile_id: userId });
	if (error?.code === '23505' || error?.code === '42501') return false;
	check('groups.requestToJoin', { data: null, error });
	return true;
}

/** A leader (or the ward) lets a person in; false when nothing changed. */
export async function approve(supabase: Supabase, id: number, profileId: string) {
	const rows = check(
		'groups.approve',
		await supabase
			.from('group_members')
			.update({ status: 'active' })
			.eq('group_id', id)
			.eq('profile_id', profileId)
			.eq('status', 'requested')
			.select('profile_id')
	);
	return (rows ?? []).length === 1;
}

/** A leader declines a request; false when nothing changed. */
export async function decline(supabase: Supabase, id: number, profileId: string) {
	const rows = check(
		'groups.decline',
		await supabase
			.from('group_members')
			.delete()
			.eq('group_id', id)
			.eq('profile_id', profileId)
			.eq('status', 'requested')
			.select('profile_id')
	);
	return (rows ?? []).length === 1;
}

/**
 * Leaves the group (or withdraws one's request): true when left, 'last_leader' when the person is
 * the open group's only leader (they hand it over or close it first), false when nothing changed.
 */
export async function leave(
	supabase: Supabase,
	id: number,
	userId: string
): Promise<boolean | 'last_leader'> {
	const { data, error } = await supabase
		.from('group_members')
		.delete()
		.eq('group_id', id)
		.eq('profile_id', userId)
		.select('profile_id');
	if (error?.details === 'last_leader') return 'last_leader';
	return (check('groups.leave', { data, error }) ?? []).length === 1;
}

/** A leader (or the ward) offers the leadership to a member; null withdraws the offer. */
export async function handOver(supabase: Supabase, id: number, to: string | null) {
	const { error } = await supabase.rpc('hand_over_group', {
		p_group_id: id,
		p_to: to as string
	});
	return refusalOf('groups.handOver', error);
}

/** The member offered the leadership accepts it or declines. */
export async function answerLeadership(supabase: Supabase, id: number, accept: boolean) {
	const { error } = await supabase.rpc('answer_group_leadership', {
		p_group_id: id,
		p_accept: accept
	});
	return refusalOf('groups.answerLeadership', error);
}

/** A leader (or the ward) closes the group: nobody joins any more; its last leader may leave. */
export async function close(supabase: Supabase, id: number) {
	const { error } = await supabase.rpc('close_group', { p_group_id: id });
	return refusalOf('groups.close', error);
}

/** Approved awards for all; proposed ones too for the group's leaders and the ward. */
export async function awards(supabase: Supabase, id: number): Promise<GroupAward[]> {
	return checkList(
		'groups.awards',
		await supabase
			.from('group_awards')
			.select('id, title, reason, status, awarded_at')
			.eq('group_id', id)
			.order('awarded_at', { ascending: false })
	);
}

/** A leader proposes an award for the group; false when the database refuses. */
export async function proposeAward(
	supabase: Supabase,
	id: number,
	input: { title: string; reason: string },
	userId: string
) {
	const { error } = await supabase.from('group_awards').insert({
		group_id: id,
		title: input.title,
		reason: input.reason,
		status: 'proposed',
		proposed_by: userId
	});
	if (error?.code === '42501' || error?.code === '23505') return false;
	check('groups.proposeAward', { data: null, error });
	return true;
}

/** The ward's coordinator approves a proposed award; false when nothing changed. */
export async function approveAward(supabase: Supabase, awardId: number, userId: string) {
	const rows = check(
		'groups.approveAward',
		await supabase
			.from('group_awards')
			.update({ status: 'approved', awarded_by: userId, awarded_at: new Date().toISOString() })
			.eq('id', awardId)
			.eq('status', 'proposed')
			.select('id')
	);
	return (rows ?? []).length === 1;
}

/** A leader (or the ward) puts the group in or out of the ward's ranking. */
export async function setRanked(supabase: Supabase, id: number, ranked: boolean) {
	return check(
		'groups.setRanked',
		await supabase.rpc('set_group_ranked', { p_group_id: id, p_ranked: ranked })
	);
}

/** The person takes part in their ward's ranking, or not. */
export async function setPersonRanked(supabase: Supabase, userId: string, ranked: boolean) {
	check(
		'groups.setPersonRanked',
		await supabase.from('profiles').update({ ranked }).eq('id', userId)
	);
}

/** Whether the person takes part in their ward's ranking. */
export async function personRanked(supabase: Supabase, userId: string): Promise<boolean> {
	const row = check(
		'groups.personRanked',
		await supabase.from('profiles').select('ranked').eq('id', userId).maybeSingle()
	);
	return row?.ranked ?? false;
}

/** A ward's opt-in ranking of groups and people. */
export async function rankings(supabase: Supabase, wardId: number): Promise<RankingRow[]> {
	return checkList('groups.rankings', await supabase.rpc('ward_rankings', { p_ward_id: wardId }));
}

/** Names of the given wards (areas are public), for the group pages. */
export async function wardNames(supabase: Supabase, ids: number[]) {
	const rows = checkList(
		'groups.wardNames',
		await supabase.from('areas').select('id, name_vi, name_en').in('id', ids)
	);
	return new Map(rows.map((row) => [row.id, row]));
}

/** Whether the person is a volunteer verified by the ward they live in (they may create groups). */
export async function isVerifiedIn(supabase: Supabase, userId: string, wardId: number) {
	const rows = checkList(
		'groups.isVerifiedIn',
		await supabase
			.from('volunteer_verifications')
			.select('profile_id')
			.eq('profile_id', userId)
			.eq('ward_id', wardId)
	);
	return rows.length > 0;
}

/** Awards proposed by the leaders of a ward's groups and waiting for the ward (coordinators). */
export async function proposedInWard(supabase: Supabase, wardId: number) {
	return checkList(
		'groups.proposedInWard',
		await supabase
			.from('group_awards')
			.select('id, title, reason, group_id, neighbourhood_groups!inner (name, ward_id)')
			.eq('status', 'proposed')
			.eq('neighbourhood_groups.ward_id', wardId)
			.order('awarded_at')
	);
}
