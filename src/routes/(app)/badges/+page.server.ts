import { fail } from '@sveltejs/kit';
import * as badges from '$lib/server/db/badges';
import { badgeShownSchema } from '$lib/validation/badges';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => ({
	/** Every personal badge, earned or not, with progress; catalogue order. */
	badges: await badges.mine(locals.supabase)
})) satisfies PageServerLoad;

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
