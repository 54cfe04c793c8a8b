import { fail } from '@sveltejs/kit';
import { signedInUserId } from '$lib/server/auth/user';
import * as ripple from '$lib/server/db/ripple';
import { switchSchema } from '$lib/validation/groups';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { userId } = await parent();
	const [nodes, nameShown] = await Promise.all([
		ripple.mine(locals.supabase),
		ripple.nameShown(locals.supabase, userId)
	]);
	return {
		/** Everyone the person reached (node 0 is them), by depth, named only as each chose. */
		nodes,
		/** Whether the person's own given name shows in the ripples of those who taught them. */
		nameShown
	};
}) satisfies PageServerLoad;

export const actions = {
	name: async ({ locals, request }) => {
		const userId = signedInUserId(locals);
		const parsed = switchSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { nameError: true });
		await ripple.setNameShown(locals.supabase, userId, parsed.data.on);
		return { nameShown: parsed.data.on };
	}
} satisfies Actions;
