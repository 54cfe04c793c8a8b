// The signed-in person's badges: progress toward each, and which ones they show to others.
// Relative imports only: a plain Node process (the worker) has no SvelteKit aliases.
import type { Database, Supabase } from '../../types/db';
import { check, checkList } from './errors';

export type BadgeProgress = Database['public']['Functions']['my_badges']['Returns'][number];

/** Every personal badge in catalogue order, earned or not, counted by the awarding rules. */
export async function mine(supabase: Supabase): Promise<BadgeProgress[]> {
	return checkList('badges.mine', await supabase.rpc('my_badges'));
}

/** Shows or hides one of the person's own awards; false when it is not theirs (RLS). */
export async function setShown(supabase: Supabase, awardId: number, shown: boolean) {
	const rows = check(
		'badges.setShown',
		await supabase.from('badge_awards').update({ shown }).eq('id', awardId).select('id')
	);
	return (rows ?? []).length === 1;
}

export type ShownBadge = Database['public']['Functions']['shown_badges']['Returns'][number];

/**
 * The badges the given people chose to show, by person, for cards the caller sees (the database
 * leaves out anyone the caller has no reason to know, and every hidden award).
 */
export async function shownBy(
	supabase: Supabase,
	ids: string[]
): Promise<Map<string, ShownBadge[]>> {
	const unique = [...new Set(ids)];
	const byPerson = new Map<string, ShownBadge[]>();
	if (!unique.length) return byPerson;
	const rows = checkList('badges.shownBy', await supabase.rpc('shown_badges', { p_ids: unique }));
	for (const row of rows)
		byPerson.set(row.profile_id, [...(byPerson.get(row.profile_id) ?? []), row]);
	return byPerson;
}
