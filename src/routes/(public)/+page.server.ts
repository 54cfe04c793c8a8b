import * as helpRequests from '$lib/server/db/help-requests';
import * as matching from '$lib/server/db/matching';
import { loadLookups } from '$lib/server/requests-page';
import type { PageServerLoad } from './$types';

/** A signed-in person's own home: what needs them now. Visitors get the landing page. */
export const load = (async ({ locals }) => {
	const profile = locals.profile;
	if (!locals.user || !profile?.onboarded_at) return { mine: null };
	const [requests, nearby, lookups] = await Promise.all([
		profile.wants_to_learn ? helpRequests.listForLearner(locals.supabase, locals.user.id) : [],
		profile.can_teach ? matching.nearbyRequests(locals.supabase, { limit: 5 }) : [],
		loadLookups(locals.supabase)
	]);
	return {
		mine: {
			learns: profile.wants_to_learn,
			teaches: profile.can_teach,
			/** Requests still waiting or booked; finished ones live on "My requests". */
			requests: requests.filter((r) => r.status === 'open' || r.status === 'scheduled'),
			/** The five nearest open requests this volunteer could take. */
			nearby,
			...lookups
		}
	};
}) satisfies PageServerLoad;
