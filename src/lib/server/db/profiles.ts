// The signed-in person's profile row (created by a trigger when they sign up).
import type { Locale } from '$lib/i18n/config';
import type { ProfileInput } from '$lib/validation/profile';
import type { Supabase, Tables } from '$lib/types/db';
import { check } from './errors';

export type Profile = Tables<'profiles'>;
export type ProfileSummary = Pick<
	Profile,
	| 'id'
	| 'display_name'
	| 'locale'
	| 'text_size'
	| 'high_contrast'
	| 'onboarded_at'
	| 'wants_to_learn'
	| 'can_teach'
>;

const SUMMARY =
	'id, display_name, locale, text_size, high_contrast, onboarded_at, wants_to_learn, can_teach';

/** What every request needs: name, language and display preferences, onboarding state, roles. */
export async function getSummary(supabase: Supabase, id: string): Promise<ProfileSummary | null> {
	return check(
		'profiles.getSummary',
		await supabase.from('profiles').select(SUMMARY).eq('id', id).maybeSingle()
	);
}

export async function get(supabase: Supabase, id: string): Promise<Profile | null> {
	return check(
		'profiles.get',
		await supabase.from('profiles').select('*').eq('id', id).maybeSingle()
	);
}

export async function setLocale(supabase: Supabase, id: string, locale: Locale): Promise<void> {
	check('profiles.setLocale', await supabase.from('profiles').update({ locale }).eq('id', id));
}

export async function setDisplay(
	supabase: Supabase,
	id: string,
	prefs: { text_size: string; high_contrast: boolean }
): Promise<void> {
	check('profiles.setDisplay', await supabase.from('profiles').update(prefs).eq('id', id));
}

/** Saves the form's profile fields; `onboarded` stamps the end of onboarding. */
export async function save(
	supabase: Supabase,
	id: string,
	input: ProfileInput,
	options: { onboarded?: boolean } = {}
): Promise<void> {
	const patch = {
		display_name: input.display_name,
		wants_to_learn: input.wants_to_learn,
		can_teach: input.can_teach,
		ward_id: input.ward_id,
		languages: input.languages,
		text_size: input.text_size,
		high_contrast: input.high_contrast,
		...(options.onboarded ? { onboarded_at: new Date().toISOString() } : {})
	};
	check('profiles.save', await supabase.from('profiles').update(patch).eq('id', id));
}
