import { error } from '@sveltejs/kit';
import { acceptForm, loadForm, readForm, rejectForm } from '$lib/forms/server';
import * as reportQueue from '$lib/server/db/report-queue';
import { reportActionSchema } from '$lib/validation/report-action';
import type { Actions, PageServerLoad } from './$types';

function areaId(raw: string): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id < 1) error(404, 'Not found');
	return id;
}

export const load = (async (event) => {
	const id = areaId(event.params.ward);
	return {
		/** What the caller handles in this ward (the database leaves out reports about them). */
		reports: await reportQueue.list(event.locals.supabase, id),
		form: await loadForm(event, reportActionSchema, { id: 'report-action' })
	};
}) satisfies PageServerLoad;

export const actions = {
	act: async (event) => {
		areaId(event.params.ward);
		const form = await readForm(event, reportActionSchema, 'report-action');
		if (!form.valid) return rejectForm(event, form);
		const { report_id, status, resolution } = form.data;
		const changed = await reportQueue.act(event.locals.supabase, report_id, status, resolution);
		if (!changed) {
			return rejectForm(event, form, {
				message: { key: 'consent.reports.not_yours', tone: 'error' }
			});
		}
		return acceptForm(event, form, { key: 'consent.reports.saved', tone: 'ok' });
	}
} satisfies Actions;
