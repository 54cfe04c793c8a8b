import { redirect } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { safeRedirect } from '$lib/server/auth/after-sign-in';
import * as signIn from '$lib/server/auth/sign-in';
import { localOutboxUrl } from '$lib/server/supabase-env';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { locals, url } = event;
	const redirectTo = safeRedirect(url.searchParams.get('redirect_to'));
	if (locals.user) redirect(303, redirectTo);
	return {
		...(await signIn.loadSignIn(event)),
		/** Phone is the main path; `?method=email` shows the e-mail forms (a link, so no JS needed). */
		method: url.searchParams.get('method') === 'email' ? ('email' as const) : ('phone' as const),
		/** Where to go once signed in. */
		redirectTo,
		/** The local outbox with the codes, only in development or against the local server. */
		outboxUrl: localOutboxUrl(dev)
	};
}) satisfies PageServerLoad;

export const actions = {
	sendPhoneCode: signIn.sendPhoneCode,
	sendEmailCode: signIn.sendEmailCode,
	resendCode: signIn.resendCode,
	verifyCode: signIn.verifyCode,
	signInWithPassword: signIn.signInWithPassword
} satisfies Actions;
