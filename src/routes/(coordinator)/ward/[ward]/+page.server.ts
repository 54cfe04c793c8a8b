import * as wardBoard from '$lib/server/db/ward-board';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { ward } = await parent();
	return {
		/** All-time figures, the last twelve months and unmet demand per skill (one database call). */
		dashboard: await wardBoard.dashboard(locals.supabase, ward.id)
	};
}) satisfies PageServerLoad;
