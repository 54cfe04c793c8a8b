import * as homeLocations from '$lib/server/db/home-locations';
import * as matching from '$lib/server/db/matching';
import { HCMC_CENTRE } from '$lib/map/settings';
import { mapSettings } from '$lib/server/map-settings';
import { loadNearbyContext } from '$lib/server/nearby-page';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent, url }) => {
	const { userId } = await parent();
	const context = await loadNearbyContext(locals, userId, url);
	const [cells, requests, home] = await Promise.all([
		matching.mapCells(locals.supabase, { skillId: context.skillId }),
		context.teaches ? matching.nearbyRequests(locals.supabase, { skillId: context.skillId }) : [],
		homeLocations.get(locals.supabase, userId)
	]);
	return {
		...context,
		/** Counted cells of requests and volunteers, and venues (exact). */
		cells,
		/** The requests this volunteer can take, listed beside the map. */
		requests,
		/** The map opens on the volunteer's own home (only they receive it). */
		centre: home ?? HCMC_CENTRE,
		map: mapSettings()
	};
}) satisfies PageServerLoad;
