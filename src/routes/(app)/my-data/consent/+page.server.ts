import { redirect } from '@sveltejs/kit';
import { CONSENT_VERSIONS } from '$lib/server/db/consents';
import * as dataRights from '$lib/server/db/data-rights';
import { redirectTo } from '$lib/validation/settings';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => ({
	/** The version the person is asked to agree to now. */
	version: CONSENT_VERSIONS.personal_data,
	/** True when they withdrew their consent (rather than agreeing to an older text). */
	withdrawn: locals.profile?.consent_version === 'withdrawn',
	/** Where to go once they agree: a path on this site only. */
	redirectTo: redirectTo.parse(url.searchParams.get('redirect_to') ?? undefined)
})) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request }) => {
		const to = redirectTo.parse((await request.formData()).get('redirect_to')?.toString());
		await dataRights.setConsent(locals.supabase, true);
		redirect(303, to);
	}
} satisfies Actions;
