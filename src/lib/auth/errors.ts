// GoTrue error codes → messages people can act on, in their language (keys into auth.errors.*).
import type { MessageKey } from '$lib/i18n/keys';

export interface AuthErrorLike {
	name?: string;
	code?: string | undefined;
	status?: number | undefined;
	message: string;
}

export interface AuthFailure {
	key: MessageKey;
	values?: { seconds: number };
}

const BY_CODE: Record<string, MessageKey> = {
	otp_expired: 'auth.errors.code_invalid',
	invalid_otp: 'auth.errors.code_invalid',
	bad_code_verifier: 'auth.errors.code_invalid',
	user_not_found: 'auth.errors.unknown_number',
	phone_not_confirmed: 'auth.errors.unknown_number',
	signup_disabled: 'auth.errors.signup_disabled',
	otp_disabled: 'auth.errors.signup_disabled',
	phone_provider_disabled: 'auth.errors.signup_disabled',
	email_provider_disabled: 'auth.errors.signup_disabled',
	invalid_credentials: 'auth.errors.invalid_credentials',
	email_not_confirmed: 'auth.errors.email_not_confirmed',
	sms_send_failed: 'auth.errors.sms_failed',
	validation_failed: 'auth.errors.sms_failed'
};

const RATE_LIMITED = new Set([
	'over_sms_send_rate_limit',
	'over_email_send_rate_limit',
	'over_request_rate_limit'
]);

/** GoTrue says "…you can only request this after 42 seconds." */
function waitSeconds(message: string): number | null {
	const match = /after (\d+) seconds?/i.exec(message) ?? /(\d+)\s*(?:s\b|seconds?)/i.exec(message);
	return match ? Number(match[1]) : null;
}

export function mapAuthError(error: AuthErrorLike): AuthFailure {
	const code = error.code ?? '';
	if (RATE_LIMITED.has(code) || error.status === 429) {
		const seconds = waitSeconds(error.message);
		return seconds === null
			? { key: 'auth.errors.rate_limited_generic' }
			: { key: 'auth.errors.rate_limited', values: { seconds } };
	}
	const known = BY_CODE[code];
	if (known) return { key: known };
	// Without a response (status 0) or a gateway failure, the Auth server was not reached.
	if (
		error.name === 'AuthRetryableFetchError' ||
		error.status === 0 ||
		(error.status ?? 0) >= 502
	) {
		return { key: 'auth.errors.network' };
	}
	if (/signups? not allowed/i.test(error.message)) return { key: 'auth.errors.signup_disabled' };
	if (/expired|invalid.*(otp|token)/i.test(error.message))
		return { key: 'auth.errors.code_invalid' };
	return { key: 'auth.errors.unknown' };
}
