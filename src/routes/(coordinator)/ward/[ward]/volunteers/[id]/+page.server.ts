import { error } from '@sveltejs/kit';
import { acceptForm, loadForm, readForm, rejectForm } from '$lib/forms/server';
import * as wardBoard from '$lib/server/db/ward-board';
import { suspendSchema, verifySchema } from '$lib/validation/ward-board';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ward id and the volunteer's id of this page, or 404. */
function target(params: { ward: string; id: string }) {
	if (!/^\d{1,18}$/.test(params.ward) || !UUID.test(params.id)) error(404, 'Not Found');
	return { wardId: Number(params.ward), profileId: params.id };
}

export const load = (async (event) => {
	await event.parent();
	const { wardId, profileId } = target(event.params);
	// Each view of these details is written to the audit log by the database function.
	const volunteer = await wardBoard.volunteer(event.locals.supabase, wardId, profileId);
	if (!volunteer) error(404, 'Not Found');
	return {
		/** Skills, verification, suspensions and reported absences of one volunteer of the ward. */
		volunteer,
		verifyForm: await loadForm(event, verifySchema, { id: 'verify' }),
		suspendForm: await loadForm(event, suspendSchema, { id: 'suspend' })
	};
}) satisfies PageServerLoad;

export const actions = {
	verify: async (event) => {
		const form = await readForm(event, verifySchema, 'verify');
		if (!form.valid) return rejectForm(event, form);
		const { wardId, profileId } = target(event.params);
		await wardBoard.verify(event.locals.supabase, {
			wardId,
			profileId,
			method: form.data.method,
			note: form.data.note,
			by: event.locals.user!.id
		});
		return acceptForm(event, form, { key: 'ward.volunteers.verified_now', tone: 'ok' });
	},
	unverify: async (event) => {
		const form = await readForm(event, verifySchema, 'verify');
		const { wardId, profileId } = target(event.params);
		await wardBoard.unverify(event.locals.supabase, wardId, profileId);
		return acceptForm(event, form, { key: 'ward.volunteers.unverified_now', tone: 'ok' });
	},
	suspend: async (event) => {
		const form = await readForm(event, suspendSchema, 'suspend');
		if (!form.valid) return rejectForm(event, form);
		const { wardId, profileId } = target(event.params);
		await wardBoard.suspend(event.locals.supabase, { wardId, profileId, reason: form.data.reason });
		return acceptForm(event, form, { key: 'ward.volunteers.suspended_now', tone: 'ok' });
	},
	lift: async (event) => {
		const form = await readForm(event, suspendSchema, 'suspend');
		const { wardId, profileId } = target(event.params);
		await wardBoard.lift(event.locals.supabase, wardId, profileId, event.locals.user!.id);
		form.errors = {};
		return acceptForm(event, form, { key: 'ward.volunteers.lifted_now', tone: 'ok' });
	}
} satisfies Actions;
