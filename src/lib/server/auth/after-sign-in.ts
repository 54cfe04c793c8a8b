import { redirect, type Cookies } from '@sveltejs/kit';
import * as profiles from '$lib/server/db/profiles';
import { prefsFromCookies } from '$lib/server/preferences';

/**
 * A new account adopts the language and display settings chosen while signed out, then goes to
 * onboarding; a returning one goes where it was heading.
 */
export async function finishSignIn(
	locals: App.Locals,
	cookies: Cookies,
	userId: string,
	redirectTo: string
): Promise<never> {
	const prefs = prefsFromCookies(cookies);
	// One call: the settings are adopted only while onboarding is unfinished, which it reports.
	const onboarding = await profiles.adoptSignUpPrefs(locals.supabase, userId, {
		locale: locals.locale,
		text_size: prefs.textSize,
		high_contrast: prefs.highContrast
	});
	if (onboarding) {
		// Keep the home page's "I want to learn" / "I can teach" choice when it led here.
		if (redirectTo.startsWith('/onboarding')) redirect(303, redirectTo);
		redirect(303, `/onboarding?redirect_to=${encodeURIComponent(redirectTo)}`);
	}
	redirect(303, redirectTo);
}

/** Only paths on this site. */
export function safeRedirect(value: FormDataEntryValue | string | null | undefined): string {
	return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}
