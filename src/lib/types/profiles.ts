// Profile shapes shared by the server (hooks, data module) and the pages.
import type { Tables } from './db';

export type Profile = Tables<'profiles'>;
/** What every request needs: name, language and display preferences, onboarding state, roles. */
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
