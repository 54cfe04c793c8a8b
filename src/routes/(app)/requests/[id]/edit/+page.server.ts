import { error, fail, redirect } from '@sveltejs/kit';
import * as helpRequests from '$lib/server/db/help-requests';
import { loadRequestForm, parseRequestForm } from '$lib/server/request-form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, parent, url }) => {
	const { userId } = await parent();
	const request = await helpRequests.get(locals.supabase, Number(params.id));
	if (!request || request.learner_id !== userId) error(404, 'Not found');
	const [point, form] = await Promise.all([
		helpRequests.place(locals.supabase, request.id),
		loadRequestForm(locals, userId, url)
	]);
	/** The request being changed (only an open one can be), and its exact meeting point. */
	return { request, point: point?.exact ? point : null, ...form };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, params, request }) => {
		const parsed = await parseRequestForm(request);
		if (!('ok' in parsed)) return parsed;
		const saved = await helpRequests.update(locals.supabase, Number(params.id), parsed.data);
		if (!saved) return fail(409, { notOpen: true, errors: {}, values: parsed.data });
		redirect(303, `/requests/${params.id}`);
	}
} satisfies Actions;
