import { redirect } from '@sveltejs/kit';
import { safeRedirect } from '$lib/server/auth/after-sign-in';
import { CONSENT_VERSIONS } from '$lib/server/db/consents';
import { loadProfileForm, submitProfileForm } from '$lib/server/profile-form';
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
	default: async (event) => {
		const user = event.locals.user;
		if (!user) redirect(303, '/sign-in');
		const result = await submitProfileForm(event, { onboarded: true });
		if (!('form' in result)) return result;
		redirect(303, safeRedirect(result.form.get('redirect_to')));
	}
} satisfies Actions;
