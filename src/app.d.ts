import type { Session, User } from '@supabase/supabase-js';
import type { Locale } from '$lib/i18n/config';
import type { DisplayPrefs } from '$lib/preferences';
import type { Supabase } from '$lib/types/db';
import type { ProfileSummary } from '$lib/types/profiles';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Shown to the person so support can find the log line; never a stack trace. */
			errorId?: string;
		}
		interface Locals {
			supabase: Supabase;
			/** Session and user verified with the Auth server; both null when signed out. */
			safeGetSession(): Promise<{ session: Session | null; user: User | null }>;
			session: Session | null;
			user: User | null;
			profile: ProfileSummary | null;
			locale: Locale;
			prefs: DisplayPrefs;
		}
		interface PageData {
			locale: Locale;
			prefs: DisplayPrefs;
		}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
