import { redirect } from '@sveltejs/kit';
import { rejectForm } from '$lib/forms/server';
import { signedInUserId } from '$lib/server/auth/user';
import * as helpRequests from '$lib/server/db/help-requests';
import * as profiles from '$lib/server/db/profiles';
import { loadRequestForm, readRequestForm } from '$lib/server/request-form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { userId } = await event.parent();
	return loadRequestForm(event, userId);
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await readRequestForm(event);
		if (!form.valid) return rejectForm(event, form);
		const { locals } = event;
		const userId = signedInUserId(locals);
		// Onboarding requires a ward; the database takes it from the profile in any case.
		const wardId = (await profiles.get(locals.supabase, userId))?.ward_id;
		if (!wardId) redirect(303, '/profile');
		const id = await helpRequests.create(locals.supabase, userId, wardId, form.data);
		redirect(303, `/requests/${id}?new=1`);
	}
} satisfies Actions;
