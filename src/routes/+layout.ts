import { browser } from '$app/environment';
import { loadClientLocale } from '$lib/i18n/client';
import type { LayoutLoad } from './$types';

export const load = (async ({ data }) => {
	// Hydration must find the messages already loaded, or the first frame would show keys.
	if (browser) await loadClientLocale(data.locale);
	return data;
}) satisfies LayoutLoad;
