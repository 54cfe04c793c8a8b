// The people of a lesson as the caller may see them: cards (name, verification) through
// `profile_cards`, phones only where row-level security shows the profile (both sides accepted),
// and the assisted learners the caller answers for.
import type { Database, Supabase } from '../../types/db';
import { checkList } from './errors';

export type PersonCard = Database['public']['Functions']['profile_cards']['Returns'][number];
export interface AssistedLearner {
	id: string;
	display_name: string;
}

/** Cards of people the caller has a reason to know; others are silently left out. */
export async function cards(supabase: Supabase, ids: string[]): Promise<PersonCard[]> {
	const unique = [...new Set(ids)];
	if (!unique.length) return [];
	return checkList('lessonPeople.cards', await supabase.rpc('profile_cards', { p_ids: unique }));
}

/** Phone numbers the caller may read (their own, and the other side's once both accepted). */
export async function phones(supabase: Supabase, ids: string[]): Promise<Map<string, string>> {
	const unique = [...new Set(ids)];
	if (!unique.length) return new Map();
	const rows = checkList(
		'lessonPeople.phones',
		await supabase.from('profiles').select('id, phone').in('id', unique)
	);
	return new Map(rows.flatMap((r) => (r.phone ? [[r.id, r.phone] as [string, string]] : [])));
}

/**
 * Assisted learners the caller answers for: those they registered, and (for a coordinator) those
 * registered in the wards they coordinate.
 */
export async function assistedBy(
	supabase: Supabase,
	me: string,
	wardIds: number[]
): Promise<AssistedLearner[]> {
	let query = supabase
		.from('profiles')
		.select('id, display_name')
		.not('registered_by', 'is', null)
		.neq('id', me);
	query = wardIds.length
		? query.or(`registered_by.eq.${me},ward_id.in.(${wardIds.join(',')})`)
		: query.eq('registered_by', me);
	const rows = checkList('lessonPeople.assistedBy', await query.limit(500));
	return rows.map((r) => ({ id: r.id, display_name: r.display_name ?? '' }));
}
