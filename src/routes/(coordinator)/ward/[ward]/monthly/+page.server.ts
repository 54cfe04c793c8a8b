import * as wardBoard from '$lib/server/db/ward-board';
import { reportMonth } from './month';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent, url }) => {
	const { ward } = await parent();
	const month = reportMonth(url);
	return {
		month,
		/** The month's figures; the database records this view as a 'print' export. */
		report: await wardBoard.monthlyReport(locals.supabase, ward.id, month, 'print')
	};
}) satisfies PageServerLoad;
