import { redirect } from '@sveltejs/kit';
import { CONSENT_VERSIONS } from '$lib/server/db/consents';
import type { LayoutServerLoad } from './$types';

/** Pages a signed-in person may open before onboarding: claiming an account brings its profile. */
const BEFORE_ONBOARDING = new Set(['/onboarding', '/claim']);

/**
 * Signed-in people only (hooks guard the actions too), and onboarding comes first. A person whose
 * personal-data consent is older than the current text, or withdrawn, is asked again before
 * anything else; their data pages (`/my-data/…`) stay open, so they can still see or delete it.
 */
export const load = (({ locals, url }) => {
	const back = encodeURIComponent(url.pathname + url.search);
	if (!locals.user) redirect(303, `/sign-in?redirect_to=${back}`);
	if (!locals.profile?.onboarded_at && !BEFORE_ONBOARDING.has(url.pathname)) {
		redirect(303, `/onboarding?redirect_to=${back}`);
	}
	const consented = locals.profile?.consent_version ?? null;
	if (
		consented !== null &&
		consented !== CONSENT_VERSIONS.personal_data &&
		!url.pathname.startsWith('/my-data')
	) {
		redirect(303, `/my-data/consent?redirect_to=${back}`);
	}
	return { userId: locals.user.id };
}) satisfies LayoutServerLoad;
