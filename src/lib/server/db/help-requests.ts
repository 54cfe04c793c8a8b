// A learner's requests for help: filed, listed, edited and cancelled by their learner or filer.
import type { Supabase, Tables } from '../../types/db';
import { check, checkList } from './errors';

export type HelpRequest = Pick<
	Tables<'help_requests'>,
	| 'id'
	| 'learner_id'
	| 'skill_id'
	| 'ward_id'
	| 'place_type'
	| 'venue_id'
	| 'preferred_times'
	| 'notes'
	| 'accessibility_needs'
	| 'status'
	| 'created_at'
>;

/** What a learner fills in (the ask-for-help form's output). */
export interface HelpRequestInput {
	skill_id: number;
	place_type: 'home' | 'venue' | 'near_point';
	venue_id: number;
	near_lat: number | null;
	near_lng: number | null;
	preferred_times: string[];
	notes: string;
	accessibility_needs: string[];
}

const COLUMNS =
	'id, learner_id, skill_id, ward_id, place_type, venue_id, preferred_times, notes, accessibility_needs, status, created_at';

function fields(input: HelpRequestInput) {
	return {
		skill_id: input.skill_id,
		place_type: input.place_type,
		venue_id: input.place_type === 'venue' ? input.venue_id : null,
		near_lat: input.place_type === 'near_point' ? input.near_lat : null,
		near_lng: input.place_type === 'near_point' ? input.near_lng : null,
		preferred_times: input.preferred_times,
		notes: input.notes,
		accessibility_needs: input.accessibility_needs
	};
}

/**
 * Files a request for the signed-in learner. The database sets the ward (from the learner's
 * profile) and the approximate map point; `wardId` only stands in when the profile has none.
 */
export async function create(
	supabase: Supabase,
	learnerId: string,
	wardId: number,
	input: HelpRequestInput
): Promise<number> {
	// RETURNING only the id: every column a learner reads stays readable, and the id comes from
	// this very insert (reading back "the newest" would race a second tab).
	const row = check(
		'helpRequests.create',
		await supabase
			.from('help_requests')
			.insert({ learner_id: learnerId, ward_id: wardId, ...fields(input) })
			.select('id')
			.single()
	);
	if (!row) throw new Error('helpRequests.create: no id came back');
	return row.id;
}

/** Changes an open request; answers false when it is not open (or not the caller's). */
export async function update(
	supabase: Supabase,
	id: number,
	input: HelpRequestInput
): Promise<boolean> {
	const rows = checkList(
		'helpRequests.update',
		await supabase
			.from('help_requests')
			.update(fields(input))
			.eq('id', id)
			.eq('status', 'open')
			.select('id')
	);
	return rows.length === 1;
}

/** Cancels an open request; answers false when none was (not open, or not the caller's). */
export async function cancel(supabase: Supabase, id: number): Promise<boolean> {
	const rows = checkList(
		'helpRequests.cancel',
		await supabase
			.from('help_requests')
			.update({ status: 'cancelled' })
			.eq('id', id)
			.eq('status', 'open')
			.select('id')
	);
	return rows.length === 1;
}

/** The requests a person is the learner of, newest first. */
export async function listForLearner(
	supabase: Supabase,
	learnerId: string
): Promise<HelpRequest[]> {
	return checkList(
		'helpRequests.listForLearner',
		await supabase
			.from('help_requests')
			.select(COLUMNS)
			.eq('learner_id', learnerId)
			.order('created_at', { ascending: false })
	);
}

/** One request the caller may read (RLS decides), or null. */
export async function get(supabase: Supabase, id: number): Promise<HelpRequest | null> {
	return check(
		'helpRequests.get',
		await supabase.from('help_requests').select(COLUMNS).eq('id', id).maybeSingle()
	);
}

/**
 * Where the request takes place: exact for its learner, filer and scheduled teacher, a grid cell
 * for others who may see it, null for anyone else. The table itself no longer shows exact points.
 */
export async function place(
	supabase: Supabase,
	id: number
): Promise<{ lat: number; lng: number; exact: boolean } | null> {
	const rows = checkList(
		'helpRequests.place',
		await supabase.rpc('request_place', { p_request_id: id })
	);
	return rows[0] ?? null;
}
