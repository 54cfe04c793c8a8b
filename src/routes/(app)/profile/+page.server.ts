import { error } from '@sveltejs/kit';
import { acceptForm } from '$lib/forms/server';
import * as badges from '$lib/server/db/badges';
import * as consents from '$lib/server/db/consents';
import * as ripple from '$lib/server/db/ripple';
import { loadProfileEditor, submitProfileEditor } from '$lib/server/profile-editor';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { userId } = await event.parent();
	const { locals } = event;
	const [editor, consentList, badgeList, toPassOn] = await Promise.all([
		loadProfileEditor(event, userId),
		consents.latest(locals.supabase, userId),
		badges.mine(locals.supabase),
		ripple.skillsToPassOn(locals.supabase)
	]);
	return {
		...editor,
		/** The newest consent of each kind, shown with its date. */
		consents: consentList,
		/** Every personal badge with progress: the earned ones and the next are shown. */
		badges: badgeList,
		/**
		 * Skills learned step by step and not offered yet: "pay it forward" invitations (a learner's
		 * navigation has Profile, not the badges page).
		 */
		toPassOn,
		/** The phone number or e-mail the person signs in with. */
		contact: locals.user?.phone
			? `+${locals.user.phone.replace(/^\+/, '')}`
			: (locals.user?.email ?? '')
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const user = event.locals.user;
		if (!user) error(401);
		const result = await submitProfileEditor(event);
		if ('refused' in result) return result.refused;
		return acceptForm(event, result.saved, { key: 'profile.saved', tone: 'ok' });
	}
} satisfies Actions;
