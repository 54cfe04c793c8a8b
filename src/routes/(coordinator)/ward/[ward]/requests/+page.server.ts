import { acceptForm, loadForm, readForm, rejectForm } from '$lib/forms/server';
import * as wardBoard from '$lib/server/db/ward-board';
import { assignSchema, vietnamLocalToIso } from '$lib/validation/ward-board';
import type { Actions, PageServerLoad } from './$types';

/** Tomorrow 09:00 in Asia/Ho_Chi_Minh, as the `datetime-local` value the form starts from. */
function tomorrowMorning(now = new Date()): string {
	const local = new Date(now.getTime() + 7 * 3600_000 + 24 * 3600_000);
	return `${local.toISOString().slice(0, 10)}T09:00`;
}

export const load = (async (event) => {
	const { ward } = await event.parent();
	return {
		/** Open requests, oldest first, each with its three best candidates. */
		requests: await wardBoard.unmetRequests(event.locals.supabase, ward.id),
		defaultStart: tomorrowMorning(),
		form: await loadForm(event, assignSchema, { id: 'assign' })
	};
}) satisfies PageServerLoad;

export const actions = {
	assign: async (event) => {
		const form = await readForm(event, assignSchema, 'assign');
		if (!form.valid) {
			return rejectForm(event, form, {
				message: { key: 'ward.requests.starts_at_invalid', tone: 'error' }
			});
		}
		const { request_id, volunteer_id, starts_at, minutes } = form.data;
		const result = await wardBoard.assign(event.locals.supabase, {
			requestId: request_id,
			volunteerId: volunteer_id,
			startsAt: vietnamLocalToIso(starts_at),
			minutes
		});
		if ('refused' in result) {
			return rejectForm(event, form, {
				status: 409,
				message: { key: `ward.requests.refused.${result.refused}`, tone: 'error' }
			});
		}
		return acceptForm(event, form, { key: 'ward.requests.assigned', tone: 'ok' });
	}
} satisfies Actions;
