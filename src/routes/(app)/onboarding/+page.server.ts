import { error, redirect } from '@sveltejs/kit';
import { safeRedirect } from '$lib/server/auth/after-sign-in';
import { CONSENT_VERSIONS } from '$lib/server/db/consents';
import { loadProfileEditor, submitProfileEditor } from '$lib/server/profile-editor';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { userId } = await event.parent();
	const { locals, url } = event;
	const redirectTo = safeRedirect(url.searchParams.get('redirect_to'));
	if (locals.profile?.onboarded_at) redirect(303, redirectTo === '/' ? '/profile' : redirectTo);
	const param = url.searchParams.get('role');
	/** Pre-ticks "I want to learn" or "I can teach" when coming from the home page buttons. */
	const role = param === 'learn' || param === 'teach' ? param : null;
	return {
		...(await loadProfileEditor(event, userId, { onboarding: { role, redirectTo } })),
		consentVersions: CONSENT_VERSIONS
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const user = event.locals.user;
		if (!user) error(401);
		const result = await submitProfileEditor(event, { onboarding: true });
		if ('refused' in result) return result.refused;
		redirect(303, safeRedirect(result.saved.data.redirect_to));
	}
} satisfies Actions;
