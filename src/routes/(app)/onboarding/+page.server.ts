import { fail, redirect } from '@sveltejs/kit';
import { safeRedirect } from '$lib/server/auth/after-sign-in';
import { CONSENT_VERSIONS } from '$lib/server/db/consents';
import { savePrefsCookies } from '$lib/server/preferences';
import { loadProfileForm, saveProfileForm } from '$lib/server/profile-form';
import { formToObject, parseForm, type FieldErrors } from '$lib/validation/form';
import { onboardingSchema, PROFILE_ARRAY_FIELDS } from '$lib/validation/profile';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, parent, url }) => {
	const { userId } = await parent();
	const redirectTo = safeRedirect(url.searchParams.get('redirect_to'));
	if (locals.profile?.onboarded_at) redirect(303, redirectTo === '/' ? '/profile' : redirectTo);
	const role = url.searchParams.get('role');
	return {
		...(await loadProfileForm(locals, userId)),
		/** Pre-ticks "I want to learn" or "I can teach" when coming from the home page buttons. */
		role: role === 'learn' || role === 'teach' ? role : null,
		/** Where to go once done. */
		redirectTo,
		consentVersions: CONSENT_VERSIONS
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, cookies }) => {
		const user = locals.user;
		if (!user) redirect(303, '/sign-in');
		const form = await request.formData();
		const parsed = parseForm(onboardingSchema, form, PROFILE_ARRAY_FIELDS);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const outcome = await saveProfileForm(locals, user.id, parsed.data, { onboarded: true });
		if (outcome === 'unknown_ward') {
			const errors: FieldErrors = { ward_id: 'validation.ward_required' };
			return fail(400, { errors, values: formToObject(form, PROFILE_ARRAY_FIELDS) });
		}
		const { text_size, high_contrast } = parsed.data;
		locals.prefs = { textSize: text_size, highContrast: high_contrast };
		savePrefsCookies(cookies, locals.prefs);
		redirect(303, safeRedirect(form.get('redirect_to')));
	}
} satisfies Actions;
