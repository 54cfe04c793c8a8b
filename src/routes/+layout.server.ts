import * as coordinators from '$lib/server/db/coordinators';
import * as notifications from '$lib/server/db/notifications';
import type { LayoutServerLoad } from './$types';

export const load = (async ({ locals, depends }) => {
	// Invalidated when the service worker shows a push (src/routes/+layout.svelte).
	depends('app:notifications');
	// The header's two extra facts, asked together: one HEAD count and one small select.
	const [unread, wards] = locals.user
		? await Promise.all([
				notifications.unreadCount(locals.supabase),
				coordinators.wardsOf(locals.supabase, locals.user.id)
			])
		: [0, []];
	return {
		/** The language this page is rendered in. */
		locale: locals.locale,
		/** Text size and contrast, already applied to <html> by the server. */
		prefs: locals.prefs,
		/** Who is signed in, or null: only what the header needs, never the tokens. */
		viewer: locals.user
			? {
					displayName: locals.profile?.display_name ?? null,
					onboarded: Boolean(locals.profile?.onboarded_at),
					/** Roles pick the navigation: learners ask for help, volunteers look nearby. */
					learns: Boolean(locals.profile?.wants_to_learn),
					teaches: Boolean(locals.profile?.can_teach),
					/** Unread notifications, for the header (one HEAD count per page load). */
					unread,
					/** Coordinates at least one ward: the header links to the ward board. */
					coordinates: wards.length > 0
				}
			: null
	};
}) satisfies LayoutServerLoad;
