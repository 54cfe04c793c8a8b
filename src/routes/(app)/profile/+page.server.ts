import { fail } from '@sveltejs/kit';
import * as consents from '$lib/server/db/consents';
import { loadProfileForm, submitProfileForm } from '$lib/server/profile-form';
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
	default: async (event) => {
		const user = event.locals.user;
		if (!user) return fail(401, { errors: {}, values: {} });
		const result = await submitProfileForm(event);
		return 'form' in result ? { saved: true } : result;
	}
} satisfies Actions;
