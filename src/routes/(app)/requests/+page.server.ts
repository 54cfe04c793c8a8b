import * as helpRequests from '$lib/server/db/help-requests';
import { cancelAction, loadLookups } from '$lib/server/requests-page';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { userId } = await parent();
	const [requests, lookups] = await Promise.all([
		helpRequests.listForLearner(locals.supabase, userId),
		loadLookups(locals.supabase)
	]);
	/** The learner's requests, newest first, with the skills and venues that name them. */
	return { requests, ...lookups };
}) satisfies PageServerLoad;

export const actions = { cancel: cancelAction } satisfies Actions;
