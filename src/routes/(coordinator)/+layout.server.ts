import { redirect } from '@sveltejs/kit';
import * as wardBoard from '$lib/server/db/ward-board';
import type { LayoutServerLoad } from './$types';

/**
 * Coordinators only: the guard hook (hooks/access.ts) already refused everyone else, for form
 * actions too; this load names the wards the person coordinates, for every page below.
 */
export const load = (async ({ locals, url }) => {
	if (!locals.user) redirect(303, `/sign-in?redirect_to=${encodeURIComponent(url.pathname)}`);
	return {
		/** The wards this person coordinates, by name. */
		myWards: await wardBoard.myWards(locals.supabase, locals.user.id)
	};
}) satisfies LayoutServerLoad;
