// Matching in the database: ranked volunteers for a request, open requests near a volunteer,
// and the map's approximate cells. Distances arrive rounded; positions are cells or venues.
import type { Database, Supabase } from '../../types/db';
import { checkList } from './errors';

type Functions = Database['public']['Functions'];
export type VolunteerMatch = Functions['match_volunteers']['Returns'][number];
export type NearbyRequest = Functions['nearby_requests']['Returns'][number];
export type MapCell = Functions['map_cells']['Returns'][number];

/** Volunteers for one of the caller's requests (or a request they filed), best first. */
export async function matchVolunteers(
	supabase: Supabase,
	requestId: number,
	limit = 10
): Promise<VolunteerMatch[]> {
	return checkList(
		'matching.matchVolunteers',
		await supabase.rpc('match_volunteers', { p_request_id: requestId, p_limit: limit })
	);
}

/** Open requests offered to the signed-in volunteer, nearest first; optionally one skill. */
export async function nearbyRequests(
	supabase: Supabase,
	options: { skillId?: number | null; limit?: number } = {}
): Promise<NearbyRequest[]> {
	return checkList(
		'matching.nearbyRequests',
		await supabase.rpc('nearby_requests', {
			p_limit: options.limit ?? 50,
			...(options.skillId ? { p_skill_id: options.skillId } : {})
		})
	);
}

/** Requests and volunteers counted per grid cell, and venues as exact pins. */
export async function mapCells(
	supabase: Supabase,
	options: { skillId?: number | null } = {}
): Promise<MapCell[]> {
	return checkList(
		'matching.mapCells',
		await supabase.rpc('map_cells', options.skillId ? { p_skill_id: options.skillId } : {})
	);
}
