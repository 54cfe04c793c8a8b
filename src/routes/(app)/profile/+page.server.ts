import { fail } from '@sveltejs/kit';
import * as consents from '$lib/server/db/consents';
import { savePrefsCookies } from '$lib/server/preferences';
import { loadProfileForm, saveProfileForm } from '$lib/server/profile-form';
import { formToObject, parseForm, type FieldErrors } from '$lib/validation/form';
import { PROFILE_ARRAY_FIELDS, profileSchema } from '$lib/validation/profile';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { userId } = await parent();
	const [form, consentList] = await Promise.all([
		loadProfileForm(locals, userId),
		consents.latest(locals.supabase, userId)
	]);
	return {
		...form,
		/** The newest consent of each kind, shown with its date. */
		consents: consentList,
		/** The phone number or e-mail the person signs in with. */
		contact: locals.user?.phone
			? `+${locals.user.phone.replace(/^\+/, '')}`
			: (locals.user?.email ?? '')
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, cookies }) => {
		const user = locals.user;
		if (!user) return fail(401, { errors: {}, values: {} });
		const form = await request.formData();
		const parsed = parseForm(profileSchema, form, PROFILE_ARRAY_FIELDS);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const outcome = await saveProfileForm(locals, user.id, parsed.data);
		if (outcome === 'unknown_ward') {
			const errors: FieldErrors = { ward_id: 'validation.ward_required' };
			return fail(400, { errors, values: formToObject(form, PROFILE_ARRAY_FIELDS) });
		}
		const { text_size, high_contrast } = parsed.data;
		locals.prefs = { textSize: text_size, highContrast: high_contrast };
		savePrefsCookies(cookies, locals.prefs);
		return { saved: true };
	}
} satisfies Actions;
