// Teaching ripples: the signed-in person's tree, a ward's chains, and the skills to pass on.
// Relative imports only: a plain Node process (the worker) has no SvelteKit aliases.
import type { Database, Supabase } from '../../types/db';
import { check, checkList } from './errors';

type Functions = Database['public']['Functions'];
export type RippleNode = Functions['my_ripple']['Returns'][number];
export type WardChain = Functions['ward_chains']['Returns'][number];
export type SkillToPassOn = Functions['skills_to_pass_on']['Returns'][number];

/** Everyone the signed-in person reached, as a tree (node 0 is them), at most 10 steps deep. */
export async function mine(supabase: Supabase): Promise<RippleNode[]> {
	return checkList('ripple.mine', await supabase.rpc('my_ripple'));
}

/** A ward's chains (its coordinators only; the database refuses anyone else with 42501). */
export async function wardChains(supabase: Supabase, wardId: number): Promise<WardChain[]> {
	return checkList('ripple.wardChains', await supabase.rpc('ward_chains', { p_ward_id: wardId }));
}

/** Skills the person learned every step of and does not offer yet: invitations to teach. */
export async function skillsToPassOn(supabase: Supabase): Promise<SkillToPassOn[]> {
	return checkList('ripple.skillsToPassOn', await supabase.rpc('skills_to_pass_on'));
}

/** Whether the person lets their given name show in the ripples of those who taught them. */
export async function nameShown(supabase: Supabase, userId: string): Promise<boolean> {
	const row = check(
		'ripple.nameShown',
		await supabase.from('profiles').select('ripple_name_shown').eq('id', userId).maybeSingle()
	);
	return row?.ripple_name_shown ?? false;
}

export async function setNameShown(supabase: Supabase, userId: string, shown: boolean) {
	check(
		'ripple.setNameShown',
		await supabase.from('profiles').update({ ripple_name_shown: shown }).eq('id', userId)
	);
}
