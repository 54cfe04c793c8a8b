import { fail } from '@sveltejs/kit';
import { signedInUserId } from '$lib/server/auth/user';
import * as groups from '$lib/server/db/groups';
import { switchSchema } from '$lib/validation/groups';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { userId } = await parent();
	const wardId = locals.profile?.ward_id ?? null;
	const [rows, ranked, names] = await Promise.all([
		wardId ? groups.rankings(locals.supabase, wardId) : Promise.resolve([]),
		groups.personRanked(locals.supabase, userId),
		wardId ? groups.wardNames(locals.supabase, [wardId]) : Promise.resolve(new Map())
	]);
	return {
		/** The person's ward, named (rankings are per ward). */
		ward: wardId ? (names.get(wardId) ?? null) : null,
		/** Groups that chose to take part, by lessons their members taught. */
		groupRows: rows.filter((r) => r.kind === 'group'),
		/** People who chose to take part, by given name and lessons taught. */
		personRows: rows.filter((r) => r.kind === 'person'),
		/** Whether the person takes part. */
		ranked
	};
}) satisfies PageServerLoad;

export const actions = {
	me: async ({ locals, request }) => {
		const userId = signedInUserId(locals);
		const parsed = switchSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { refused: true });
		await groups.setPersonRanked(locals.supabase, userId, parsed.data.on);
		return { ranked: parsed.data.on };
	}
} satisfies Actions;
