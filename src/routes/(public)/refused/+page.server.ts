import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** The page hooks show when they refuse a request (see lib/server/hooks/refuse.ts). */
export const load = (({ url }) => {
	if (url.searchParams.get('status') === '413') error(413, 'Payload Too Large');
	error(403, 'Forbidden');
}) satisfies PageServerLoad;
