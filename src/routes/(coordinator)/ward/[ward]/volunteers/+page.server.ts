import * as wardBoard from '$lib/server/db/ward-board';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { ward } = await parent();
	return {
		/** Everyone in the ward who offers to teach: verification, suspension, lessons, absences. */
		roster: await wardBoard.roster(locals.supabase, ward.id)
	};
}) satisfies PageServerLoad;
