import type { Cookies } from '@sveltejs/kit';
import { LOCALE_COOKIE, type Locale } from '$lib/i18n/config';
import {
	CONTRAST_COOKIE,
	DEFAULT_PREFS,
	isTextSize,
	TEXT_SIZE_COOKIE,
	type DisplayPrefs
} from '$lib/preferences';
import type { ProfileSummary } from '$lib/types/profiles';

const YEAR = 60 * 60 * 24 * 365;
// Readable by the service worker's fetches too; nothing secret in them, so not Secure either:
// they must also stick when the app is opened over plain http (127.0.0.1, a LAN address).
const OPTIONS = {
	path: '/',
	maxAge: YEAR,
	httpOnly: false,
	sameSite: 'lax',
	secure: false
} as const;

export function prefsFromCookies(cookies: Cookies): DisplayPrefs {
	const size = cookies.get(TEXT_SIZE_COOKIE);
	return {
		textSize: isTextSize(size) ? size : DEFAULT_PREFS.textSize,
		highContrast: cookies.get(CONTRAST_COOKIE) === '1'
	};
}

export function prefsFromProfile(profile: ProfileSummary): DisplayPrefs {
	return {
		textSize: isTextSize(profile.text_size) ? profile.text_size : DEFAULT_PREFS.textSize,
		highContrast: profile.high_contrast
	};
}

export function savePrefsCookies(cookies: Cookies, prefs: DisplayPrefs): void {
	cookies.set(TEXT_SIZE_COOKIE, prefs.textSize, OPTIONS);
	cookies.set(CONTRAST_COOKIE, prefs.highContrast ? '1' : '0', OPTIONS);
}

export function saveLocaleCookie(cookies: Cookies, locale: Locale): void {
	cookies.set(LOCALE_COOKIE, locale, OPTIONS);
}
