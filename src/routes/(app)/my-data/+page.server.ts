import { acceptForm, loadForm, readForm, rejectForm } from '$lib/forms/server';
import * as consents from '$lib/server/db/consents';
import * as dataRights from '$lib/server/db/data-rights';
import { deleteSchema, exportSchema } from '$lib/validation/data-rights';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { userId } = await event.parent();
	const supabase = event.locals.supabase;
	const [exportForm, deleteForm, consentForm, latest, requests] = await Promise.all([
		loadForm(event, exportSchema, { id: 'export' }),
		loadForm(event, deleteSchema, { id: 'delete' }),
		loadForm(event, exportSchema, { id: 'consent' }),
		consents.latest(supabase, userId),
		dataRights.requests(supabase, userId)
	]);
	return {
		exportForm,
		deleteForm,
		/** Carries only the message after a withdrawal or a renewed consent. */
		consentForm,
		/** The newest personal-data consent record (a withdrawal is one too), or null. */
		consent: latest.find((c) => c.kind === 'personal_data') ?? null,
		/** The person's requests about their data, newest first: what they asked and its state. */
		requests
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Shows the export on the page once the person typed the confirmation word. */
	show: async (event) => {
		const form = await readForm(event, exportSchema, 'export');
		if (!form.valid) return rejectForm(event, form);
		return { exported: await dataRights.exportMine(event.locals.supabase) };
	},
	withdraw: async (event) => {
		await dataRights.setConsent(event.locals.supabase, false);
		const form = await loadForm(event, exportSchema, { id: 'consent' });
		return acceptForm(event, form, { key: 'data.consent.withdrawn_done', tone: 'ok' });
	},
	consent: async (event) => {
		await dataRights.setConsent(event.locals.supabase, true);
		const form = await loadForm(event, exportSchema, { id: 'consent' });
		return acceptForm(event, form, { key: 'data.consent.given_done', tone: 'ok' });
	},
	/** Deletes the account, ends this device's session and shows the receipt number. */
	delete: async (event) => {
		const form = await readForm(event, deleteSchema, 'delete');
		if (!form.valid) return rejectForm(event, form);
		const receipt = await dataRights.deleteMyAccount(event.locals.supabase);
		// The user is gone, so the auth server may refuse the sign-out: the cookies go regardless.
		await event.locals.supabase.auth.signOut({ scope: 'local' }).catch(() => undefined);
		for (const { name } of event.cookies.getAll()) {
			if (name.startsWith('sb-')) event.cookies.delete(name, { path: '/' });
		}
		return { deleted: receipt };
	}
} satisfies Actions;
