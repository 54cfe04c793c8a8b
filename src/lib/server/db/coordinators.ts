// Ward coordinators: appointed in coordinator_assignments, never self-chosen.
// Relative imports only: a plain Node process (the worker) has no SvelteKit aliases.
import type { Supabase } from '../../types/db';
import { checkList } from './errors';

/** The wards this person coordinates (their own appointments are visible to them). */
export async function wardsOf(supabase: Supabase, profileId: string): Promise<number[]> {
	const rows = checkList(
		'coordinators.wardsOf',
		await supabase.from('coordinator_assignments').select('ward_id').eq('profile_id', profileId)
	);
	return rows.map((row) => row.ward_id);
}
