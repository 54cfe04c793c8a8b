// The ward's recognition list of one month as CSV (the database checks the ward and audits it).
import { recognitionCsv, recognitionList, wardAndMonth } from '$lib/server/credentials/recognition';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { ward, month } = wardAndMonth(params, url);
	const rows = await recognitionList(locals.supabase, ward, month, 'csv');
	return new Response(recognitionCsv(rows, locals.locale), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="khen-thuong-${ward}-${month}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
