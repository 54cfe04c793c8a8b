import { error } from '@sveltejs/kit';
import * as credentials from '$lib/server/db/credentials';
import { supabaseAdmin } from '$lib/server/supabase-admin';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, url, setHeaders }) => {
	// A token is 64 hex characters: anything else is not worth a database call.
	if (!/^[0-9a-f]{64}$/.test(params.token)) error(404, 'Not found');
	const admin = supabaseAdmin();
	if (!admin) error(503, 'Verification is not configured');
	const award = await credentials.byToken(admin, params.token);
	if (!award) error(404, 'Not found');
	// Its owner may hide it at any moment: never let a cache keep what was shown.
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	return {
		/** Only what its owner shows: `shown` alone when the badge is private. */
		award,
		verifyEndpoint: `${url.origin}/api/credentials/verify`
	};
}) satisfies PageServerLoad;
