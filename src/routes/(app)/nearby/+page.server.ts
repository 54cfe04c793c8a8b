import * as matching from '$lib/server/db/matching';
import { loadNearbyContext } from '$lib/server/nearby-page';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent, url }) => {
	const { userId } = await parent();
	const context = await loadNearbyContext(locals, userId, url);
	/** Open requests offered to this volunteer, nearest first. */
	const requests = context.teaches
		? await matching.nearbyRequests(locals.supabase, { skillId: context.skillId })
		: [];
	return { ...context, requests };
}) satisfies PageServerLoad;
