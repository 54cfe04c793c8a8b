import * as feedback from '$lib/server/db/service-feedback';
import { rangeFrom } from '$lib/server/service-feedback-range';
import { requireWard } from '$lib/server/ward-ops';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const ward = await requireWard(event);
	const range = rangeFrom(event.url);
	const [counts, reports] = await Promise.all([
		feedback.counts(event.locals.supabase, ward.id, range),
		feedback.ofWard(event.locals.supabase, ward.id, range)
	]);
	return {
		/** The ward whose people reported these problems. */
		ward,
		/** The chosen days (Vietnam), or null for open ends. */
		range,
		/** Reports by service and step, most reported first. */
		counts,
		/** What happened, newest first; a name only where the reporter agreed to be contacted. */
		reports
	};
}) satisfies PageServerLoad;
