import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/** Pages a signed-in person may open before onboarding: claiming an account brings its profile. */
const BEFORE_ONBOARDING = new Set(['/onboarding', '/claim']);

/** Signed-in people only (hooks guard the actions too), and onboarding comes first. */
export const load = (({ locals, url }) => {
	const back = encodeURIComponent(url.pathname + url.search);
	if (!locals.user) redirect(303, `/sign-in?redirect_to=${back}`);
	if (!locals.profile?.onboarded_at && !BEFORE_ONBOARDING.has(url.pathname)) {
		redirect(303, `/onboarding?redirect_to=${back}`);
	}
	return { userId: locals.user.id };
}) satisfies LayoutServerLoad;
