import * as credentials from '$lib/server/db/credentials';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const lessons = await credentials.volunteerLessons(locals.supabase);
	return {
		/** Counted lessons taught, oldest first (the database applies the badge rules). */
		lessons,
		/** The name printed on the certificate, as the person gave it. */
		name: locals.profile?.display_name ?? '',
		issuedAt: new Date().toISOString()
	};
}) satisfies PageServerLoad;
