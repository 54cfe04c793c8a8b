// The browser loads only the locale it renders, as one chunk, before hydration.
import { browser } from '$app/environment';
import { init, locale, register, waitLocale } from 'svelte-i18n';
import type { Locale } from './config';

// Never on the server: there the messages are added synchronously and a loader would make
// `locale.set()` asynchronous, racing between requests.
if (browser) {
	register('vi', () => import('./locales/vi').then((m) => m.default));
	register('en', () => import('./locales/en').then((m) => m.default));
}

let initialised = false;

export async function loadClientLocale(wanted: Locale): Promise<void> {
	if (!initialised) {
		initialised = true;
		// Both locales have the same keys (tested), so no fallback chunk is fetched.
		await init({ fallbackLocale: wanted, initialLocale: wanted });
	} else {
		await locale.set(wanted);
	}
	await waitLocale(wanted);
}
