import { error } from '@sveltejs/kit';
import * as helpRequests from '$lib/server/db/help-requests';
import { cancelAction, loadLookups } from '$lib/server/requests-page';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
	const request = await helpRequests.get(locals.supabase, Number(params.id));
	if (!request) error(404, 'Not found');
	return {
		request,
		...(await loadLookups(locals.supabase)),
		/** Just filed: the page says so before the matches. */
		justCreated: url.searchParams.has('new')
	};
}) satisfies PageServerLoad;

export const actions = { cancel: cancelAction } satisfies Actions;
