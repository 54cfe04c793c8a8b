import { acceptForm, loadForm, readForm, rejectForm } from '$lib/forms/server';
import * as safety from '$lib/server/db/safety';
import { unblockSchema } from '$lib/validation/safety';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const [form, blocked] = await Promise.all([
		loadForm(event, unblockSchema, { id: 'unblock' }),
		safety.myBlocks(event.locals.supabase)
	]);
	return {
		/** Carries the message after an unblock, a report or a block. */
		form,
		/** The people the person blocked, newest first. */
		blocked
	};
}) satisfies PageServerLoad;

export const actions = {
	unblock: async (event) => {
		const form = await readForm(event, unblockSchema, 'unblock');
		if (!form.valid) return rejectForm(event, form);
		await safety.unblock(event.locals.supabase, form.data.person);
		return acceptForm(event, form, { key: 'safety.blocks.unblocked', tone: 'ok' });
	}
} satisfies Actions;
