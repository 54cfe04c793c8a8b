import { error } from '@sveltejs/kit';
import * as helpRequests from '$lib/server/db/help-requests';
import * as matching from '$lib/server/db/matching';
import { cancelAction, loadLookups } from '$lib/server/requests-page';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
	const request = await helpRequests.get(locals.supabase, Number(params.id));
	if (!request) error(404, 'Not found');
	const [lookups, matches] = await Promise.all([
		loadLookups(locals.supabase),
		request.status === 'open' ? matching.matchVolunteers(locals.supabase, request.id) : []
	]);
	return {
		request,
		...lookups,
		/** Ranked volunteers with the facts behind each rank; none once the request is not open. */
		matches,
		/** Just filed: the page says so before the matches. */
		justCreated: url.searchParams.has('new')
	};
}) satisfies PageServerLoad;

export const actions = { cancel: cancelAction } satisfies Actions;
