import type { LayoutServerLoad } from './$types';

export const load = (({ locals }) => ({
	/** The language this page is rendered in. */
	locale: locals.locale,
	/** Text size and contrast, already applied to <html> by the server. */
	prefs: locals.prefs,
	/** Who is signed in, or null: only what the header needs, never the tokens. */
	viewer: locals.user
		? {
				displayName: locals.profile?.display_name ?? null,
				onboarded: Boolean(locals.profile?.onboarded_at)
			}
		: null
})) satisfies LayoutServerLoad;
