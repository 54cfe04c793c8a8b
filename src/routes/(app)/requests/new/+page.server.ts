import { redirect } from '@sveltejs/kit';
import { signedInUserId } from '$lib/server/auth/user';
import * as helpRequests from '$lib/server/db/help-requests';
import * as profiles from '$lib/server/db/profiles';
import { loadRequestForm, parseRequestForm } from '$lib/server/request-form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, parent, url }) => {
	const { userId } = await parent();
	return loadRequestForm(locals, userId, url);
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request }) => {
		const parsed = await parseRequestForm(request);
		if (!('ok' in parsed)) return parsed;
		const userId = signedInUserId(locals);
		// Onboarding requires a ward; the database takes it from the profile in any case.
		const wardId = (await profiles.get(locals.supabase, userId))?.ward_id;
		if (!wardId) redirect(303, '/profile');
		const id = await helpRequests.create(locals.supabase, userId, wardId, parsed.data);
		redirect(303, `/requests/${id}?new=1`);
	}
} satisfies Actions;
