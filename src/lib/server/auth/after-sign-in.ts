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
	const profile = await profiles.getSummary(locals.supabase, userId);
	if (profile && !profile.onboarded_at) {
		const prefs = prefsFromCookies(cookies);
		await profiles.setLocale(locals.supabase, userId, locals.locale);
		await profiles.setDisplay(locals.supabase, userId, {
			text_size: prefs.textSize,
			high_contrast: prefs.highContrast
		});
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
