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
