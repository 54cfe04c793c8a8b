// Profile shapes shared by the server (hooks, data module) and the pages.
import type { Tables } from './db';

export type Profile = Tables<'profiles'>;
/**
 * What every request needs: name, language and display preferences, onboarding state, roles, and
 * the ward and languages, so that the profile editor needs no second read on a page load.
 */
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
	| 'ward_id'
	| 'languages'
	| 'consent_version'
>;
