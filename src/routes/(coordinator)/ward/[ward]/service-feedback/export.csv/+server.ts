// The ward's service-feedback counts as CSV; the database writes the export to the audit log.
import { stringify } from 'csv-stringify/sync';
import * as feedback from '$lib/server/db/service-feedback';
import { WardRefusal } from '$lib/server/db/ward-refusal';
import { rangeFrom } from '$lib/server/service-feedback-range';
import { requireWard } from '$lib/server/ward-ops';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ward = await requireWard(event);
	const range = rangeFrom(event.url);
	let rows;
	try {
		rows = await feedback.exportCounts(event.locals.supabase, ward.id, range);
	} catch (caught) {
		if (caught instanceof WardRefusal) error(404, 'Not found');
		throw caught;
	}
	// Codes, not translated labels: the city merges files from many wards.
	const csv = stringify(
		rows.map((r) => [ward.id, range.from ?? '', range.to ?? '', r.service, r.step, r.reports]),
		{ header: true, columns: ['ward_id', 'from', 'to', 'service', 'step', 'reports'] }
	);
	return new Response(`\uFEFF${csv}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="service-feedback-ward-${ward.id}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
