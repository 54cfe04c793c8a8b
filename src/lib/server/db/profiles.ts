// The signed-in person's profile row (created by a trigger when they sign up).
// Relative imports only: a plain Node process (the worker) has no SvelteKit aliases.
import type { Locale } from '../../i18n/config';
import type { Supabase } from '../../types/db';
import type { Profile, ProfileSummary } from '../../types/profiles';
import { CONSENT_VERSIONS } from './consents';
import { check } from './errors';

export type { Profile, ProfileSummary } from '../../types/profiles';

const SUMMARY =
	'id, display_name, locale, text_size, high_contrast, onboarded_at, wants_to_learn, can_teach, ward_id, languages, consent_version';

/** The fields of the onboarding and profile forms, as validated. */
export interface ProfileFormInput {
	display_name: string;
	wants_to_learn: boolean;
	can_teach: boolean;
	ward_id: number;
	languages: string[];
	text_size: string;
	high_contrast: boolean;
	/** A point picked on the map; both null means "use the ward's centre". */
	lat: number | null;
	lng: number | null;
}

/** What every request needs (see ProfileSummary); the hook reads it once per request. */
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

/**
 * Right after sign-in: a profile that has not finished onboarding (a new account) takes the
 * language and display settings chosen while signed out. One call: the update is conditional on
 * `onboarded_at is null`, and whether a row came back says which case it was.
 * Returns true when the person still has to go through onboarding.
 */
export async function adoptSignUpPrefs(
	supabase: Supabase,
	id: string,
	prefs: { locale: Locale; text_size: string; high_contrast: boolean }
): Promise<boolean> {
	const rows = check(
		'profiles.adoptSignUpPrefs',
		await supabase.from('profiles').update(prefs).eq('id', id).is('onboarded_at', null).select('id')
	);
	return (rows ?? []).length > 0;
}

/**
 * Saves the profile form in one transaction (public.save_profile): the ward check, the profile,
 * the home point and, when `onboarding`, the current consents and the onboarding stamp. Re-posting
 * onboarding records no consent twice. 'unknown_ward' means nothing was written.
 */
export async function saveForm(
	supabase: Supabase,
	input: ProfileFormInput,
	options: { onboarding?: boolean } = {}
): Promise<'saved' | 'unknown_ward' | 'too_young_to_teach'> {
	// A tampered id beyond bigint would be a database error (500); it is simply not a ward.
	if (!Number.isSafeInteger(input.ward_id) || input.ward_id <= 0) return 'unknown_ward';
	const saved = await supabase.rpc('save_profile', {
		p_display_name: input.display_name,
		p_wants_to_learn: input.wants_to_learn,
		p_can_teach: input.can_teach,
		p_ward_id: input.ward_id,
		p_languages: input.languages,
		p_text_size: input.text_size,
		p_high_contrast: input.high_contrast,
		p_lat: input.lat ?? undefined,
		p_lng: input.lng ?? undefined,
		p_consents: options.onboarding ? CONSENT_VERSIONS : undefined
	});
	// The database keeps people under 16 from offering to teach (birth year on record): a refusal
	// the form says in words, nothing written.
	if (saved.error?.details === 'too_young_to_teach') return 'too_young_to_teach';
	const result = check('profiles.saveForm', saved);
	return result === 'unknown_ward' ? 'unknown_ward' : 'saved';
}
