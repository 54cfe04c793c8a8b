import { fail } from '@sveltejs/kit';
import * as badges from '$lib/server/db/badges';
import * as credentials from '$lib/server/db/credentials';
import * as ripple from '$lib/server/db/ripple';
import { badgeShownSchema } from '$lib/validation/badges';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { userId } = await parent();
	const [mine, toPassOn, tokens] = await Promise.all([
		badges.mine(locals.supabase),
		ripple.skillsToPassOn(locals.supabase),
		credentials.tokensOf(locals.supabase, userId)
	]);
	return {
		/** Every personal badge, earned or not, with progress; catalogue order. */
		badges: mine,
		/** Skills learned step by step and not offered yet: "pay it forward" invitations. */
		toPassOn,
		/** The verification page token of each earned award, by award id. */
		tokens: Object.fromEntries(tokens)
	};
}) satisfies PageServerLoad;

export const actions = {
	show: async ({ locals, request }) => {
		const parsed = badgeShownSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { showError: true });
		const { award_id, shown } = parsed.data;
		if (!(await badges.setShown(locals.supabase, award_id, shown))) {
			return fail(404, { showError: true });
		}
		return { changed: award_id, shown };
	}
} satisfies Actions;
