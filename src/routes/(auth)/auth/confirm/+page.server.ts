import type { EmailOtpType } from '@supabase/supabase-js';
import { finishSignIn, safeRedirect } from '$lib/server/auth/after-sign-in';
import type { PageServerLoad } from './$types';

const EMAIL_OTP_TYPES: readonly EmailOtpType[] = [
	'email',
	'magiclink',
	'signup',
	'invite',
	'recovery',
	'email_change'
];
const isEmailOtpType = (value: string | null): value is EmailOtpType =>
	EMAIL_OTP_TYPES.includes(value as EmailOtpType);

/**
 * Where an e-mail link lands (Supabase's SvelteKit guide: the template links to
 * `/auth/confirm?token_hash={{ .TokenHash }}&type=email&next=/…`). A valid link signs the person in
 * and goes on as any sign-in does; an expired or used one shows this page with a way back.
 */
export const load = (async ({ url, locals, cookies }) => {
	const tokenHash = url.searchParams.get('token_hash');
	const type = url.searchParams.get('type');
	const next = safeRedirect(url.searchParams.get('next'));
	if (tokenHash && isEmailOtpType(type)) {
		const { data, error } = await locals.supabase.auth.verifyOtp({ token_hash: tokenHash, type });
		if (!error && data.user) return finishSignIn(locals, cookies, data.user.id, next);
	}
	return {
		/** E-mail sign-in, coming back to where the link was heading. */
		signInHref: `/sign-in?method=email&redirect_to=${encodeURIComponent(next)}`
	};
}) satisfies PageServerLoad;
