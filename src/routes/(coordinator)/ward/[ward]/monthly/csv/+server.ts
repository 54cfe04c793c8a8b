import { error } from '@sveltejs/kit';
import * as wardBoard from '$lib/server/db/ward-board';
import { monthlyCsv } from '$lib/server/ward-report-csv';
import { reportMonth } from '../month';
import type { RequestHandler } from './$types';

/**
 * The month's report as a CSV download. The (coordinator) guard has already run; the database
 * function checks the ward and writes the export to the audit log.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!/^\d{1,18}$/.test(params.ward) || !locals.user) error(404, 'Not Found');
	const wardId = Number(params.ward);
	const ward = (await wardBoard.myWards(locals.supabase, locals.user.id)).find(
		(w) => w.id === wardId
	);
	if (!ward) error(404, 'Not Found');
	const month = reportMonth(url);
	const report = await wardBoard.monthlyReport(locals.supabase, wardId, month, 'csv');
	const name = locals.locale === 'en' ? ward.name_en : ward.name_vi;
	return new Response(monthlyCsv(report, name, locals.locale), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="ward-${wardId}-${month}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
