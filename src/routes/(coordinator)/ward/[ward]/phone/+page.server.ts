import { error, redirect } from '@sveltejs/kit';
import {
	goWithMessage,
	loadForm,
	pageUrl,
	readForm,
	refuseForm,
	rejectForm
} from '$lib/forms/server';
import { supabaseAdmin } from '$lib/server/supabase-admin';
import * as wardPhone from '$lib/server/db/ward-phone';
import { changePhoneSchema, findPersonSchema } from '$lib/validation/ward-phone';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function wardOf(params: { ward: string }) {
	if (!/^\d{1,18}$/.test(params.ward)) error(404, 'Not Found');
	return Number(params.ward);
}

/** The person chosen in step 1 (`?person=`), or null when none is chosen yet. */
function personIdOf(url: URL): string | null {
	const id = url.searchParams.get('person');
	return id && UUID.test(id) ? id : null;
}

/** What the coordinator typed in a field, to give it back as typed when the database refuses it. */
async function typed(request: Request, field: string): Promise<string> {
	const value = (await request.clone().formData()).get(field);
	return typeof value === 'string' ? value : '';
}

export const load = (async (event) => {
	await event.parent();
	const wardId = wardOf(event.params);
	const personId = personIdOf(event.url);
	const person = personId
		? await wardPhone.personInWard(event.locals.supabase, wardId, personId)
		: null;
	if (personId && !person) error(404, 'Not Found');
	return {
		/** Step 2 shows once the coordinator found the person (a person of this ward only). */
		person,
		findForm: await loadForm(event, findPersonSchema, { id: 'find' }),
		changeForm: await loadForm(event, changePhoneSchema, { id: 'change' })
	};
}) satisfies PageServerLoad;

export const actions = {
	find: async (event) => {
		const asTyped = typed(event.request, 'current_phone');
		const form = await readForm(event, findPersonSchema, 'find');
		if (!form.valid) return rejectForm(event, form);
		const wardId = wardOf(event.params);
		const person = await wardPhone.personByPhone(
			event.locals.supabase,
			wardId,
			form.data.current_phone
		);
		if (!person) {
			form.data.current_phone = await asTyped;
			return rejectForm(event, refuseForm(form, 'current_phone', 'office.validation.not_found'));
		}
		redirect(303, `${event.url.pathname}?person=${person.id}`);
	},
	change: async (event) => {
		const asTyped = typed(event.request, 'new_phone');
		const form = await readForm(event, changePhoneSchema, 'change');
		if (!form.valid) return rejectForm(event, form);
		const wardId = wardOf(event.params);
		const personId = personIdOf(event.url);
		if (!personId) error(404, 'Not Found');
		const admin = supabaseAdmin();
		if (!admin)
			return rejectForm(event, form, {
				status: 503,
				message: { key: 'office.no_service_key', tone: 'error' }
			});
		// The database checks the ward and records how identity was checked before anything changes.
		const asked = await wardPhone.requestChange(event.locals.supabase, {
			wardId,
			profileId: personId,
			phone: form.data.new_phone,
			method: form.data.method
		});
		const set = asked.refused
			? asked
			: await wardPhone.setSignInPhone(admin, personId, form.data.new_phone);
		if (set.refused) {
			form.data.new_phone = await asTyped;
			return rejectForm(event, refuseForm(form, 'new_phone', `office.validation.${set.refused}`), {
				to: pageUrl(event.url)
			});
		}
		goWithMessage(event, event.url.pathname, 'find', {
			key: 'office.changed',
			tone: 'ok',
			values: { last3: form.data.new_phone.slice(-3) }
		});
	}
} satisfies Actions;
