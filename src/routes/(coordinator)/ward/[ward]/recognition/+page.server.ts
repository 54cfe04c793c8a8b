import { recognitionList, wardAndMonth } from '$lib/server/credentials/recognition';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
	const { ward, month, monthValid } = wardAndMonth(params, url);
	return {
		ward,
		/** `YYYY-MM`, Vietnam time; this month when none (or a wrong one) was asked for. */
		month,
		monthValid,
		/** People of the ward with counted lessons or badges that month (the database audits this). */
		rows: await recognitionList(locals.supabase, ward, month, 'print')
	};
}) satisfies PageServerLoad;
