import { error, redirect } from '@sveltejs/kit';
import { rejectForm } from '$lib/forms/server';
import * as helpRequests from '$lib/server/db/help-requests';
import { loadRequestForm, readRequestForm } from '$lib/server/request-form';
import type { HelpRequestInput } from '$lib/validation/help-request';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { userId } = await event.parent();
	const { locals, params } = event;
	const request = await helpRequests.get(locals.supabase, Number(params.id));
	if (!request || request.learner_id !== userId) error(404, 'Not found');
	// The table no longer shows the exact chosen point; request_place gives it to its learner.
	const point = await helpRequests.place(locals.supabase, request.id);
	const near = request.place_type === 'near_point' && point?.exact ? point : null;
	const saved = {
		skill_id: request.skill_id,
		place_type: request.place_type as HelpRequestInput['place_type'],
		venue_id: request.venue_id ?? 0,
		near_lat: near?.lat ?? null,
		near_lng: near?.lng ?? null,
		preferred_times: request.preferred_times as HelpRequestInput['preferred_times'],
		notes: request.notes,
		accessibility_needs: request.accessibility_needs as HelpRequestInput['accessibility_needs']
	} satisfies HelpRequestInput;
	/** The request being changed; only an open one can be. */
	return { request, ...(await loadRequestForm(event, userId, saved)) };
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await readRequestForm(event);
		if (!form.valid) return rejectForm(event, form);
		const id = Number(event.params.id);
		const saved = await helpRequests.update(event.locals.supabase, id, form.data);
		if (!saved) {
			return rejectForm(event, form, {
				status: 409,
				message: { key: 'requests.edit.not_open', tone: 'error' }
			});
		}
		redirect(303, `/requests/${id}`);
	}
} satisfies Actions;
