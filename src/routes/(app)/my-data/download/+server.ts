// The export as a JSON file, for a plain form post (no JavaScript needed) with the confirmation word.
import { error } from '@sveltejs/kit';
import { readForm, rejectForm } from '$lib/forms/server';
import * as dataRights from '$lib/server/db/data-rights';
import { exportSchema } from '$lib/validation/data-rights';
import type { RequestHandler } from './$types';

export const POST = (async (event) => {
	const form = await readForm(event, exportSchema, 'export');
	if (!form.valid) {
		// A plain post: back to the page with the error (post-redirect-get); anything else is refused.
		rejectForm(event, form, { to: '/my-data' });
		error(400);
	}
	const data = await dataRights.exportMine(event.locals.supabase);
	const day = new Date().toISOString().slice(0, 10);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="du-lieu-cua-toi-${day}.json"`,
			'cache-control': 'no-store'
		}
	});
}) satisfies RequestHandler;
