import { goWithMessage, loadForm, readForm, rejectForm } from '$lib/forms/server';
import * as safety from '$lib/server/db/safety';
import { reportSchema } from '$lib/validation/safety';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?person=<id>&session=<id>`: lesson pages link here with the other side of the lesson. */
export const load = (async (event) => {
	const person = event.url.searchParams.get('person') ?? '';
	const session = Number(event.url.searchParams.get('session')) || null;
	const name = UUID.test(person) ? await safety.nameOf(event.locals.supabase, person) : null;
	return {
		/** The person's name, or null when the caller has no reason to know them. */
		name,
		form: await loadForm(event, reportSchema, {
			id: 'report',
			data: { person, session, block: true }
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await readForm(event, reportSchema, 'report');
		if (!form.valid) return rejectForm(event, form);
		const { person, session, reason, details, block } = form.data;
		const supabase = event.locals.supabase;
		if (reason)
			await safety.report(supabase, { personId: person, reason, details, sessionId: session });
		if (block) await safety.block(supabase, person);
		goWithMessage(event, '/blocks', 'unblock', {
			key: reason ? 'safety.report.sent' : 'safety.report.blocked',
			tone: 'ok'
		});
	}
} satisfies Actions;
