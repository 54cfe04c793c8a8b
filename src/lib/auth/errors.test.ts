import { describe, expect, it } from 'vitest';
import { mapAuthError } from './errors';

describe('mapAuthError', () => {
	it('explains a wrong or expired code', () => {
		expect(
			mapAuthError({ code: 'otp_expired', status: 403, message: 'Token has expired or is invalid' })
		).toEqual({ key: 'auth.errors.code_invalid' });
		expect(mapAuthError({ status: 403, message: 'Token has expired or is invalid' })).toEqual({
			key: 'auth.errors.code_invalid'
		});
	});

	it('says how long to wait when rate limited', () => {
		expect(
			mapAuthError({
				code: 'over_sms_send_rate_limit',
				status: 429,
				message: 'For security purposes, you can only request this after 42 seconds.'
			})
		).toEqual({ key: 'auth.errors.rate_limited', values: { seconds: 42 } });
		expect(
			mapAuthError({ code: 'over_request_rate_limit', status: 429, message: 'Too many' })
		).toEqual({ key: 'auth.errors.rate_limited_generic' });
		expect(mapAuthError({ status: 429, message: 'Request rate limit reached' }).key).toBe(
			'auth.errors.rate_limited_generic'
		);
	});

	it('recognises unknown numbers, closed sign-ups and bad passwords', () => {
		expect(mapAuthError({ code: 'user_not_found', status: 404, message: '' }).key).toBe(
			'auth.errors.unknown_number'
		);
		expect(mapAuthError({ code: 'otp_disabled', status: 422, message: '' }).key).toBe(
			'auth.errors.signup_disabled'
		);
		expect(mapAuthError({ status: 422, message: 'Signups not allowed for otp' }).key).toBe(
			'auth.errors.signup_disabled'
		);
		expect(mapAuthError({ code: 'invalid_credentials', status: 400, message: '' }).key).toBe(
			'auth.errors.invalid_credentials'
		);
	});

	it('recognises network failures', () => {
		expect(
			mapAuthError({ name: 'AuthRetryableFetchError', status: 0, message: 'fetch failed' }).key
		).toBe('auth.errors.network');
		expect(mapAuthError({ status: 503, message: 'Service Unavailable' }).key).toBe(
			'auth.errors.network'
		);
	});

	it('falls back to a generic message', () => {
		expect(mapAuthError({ status: 500, message: 'boom' }).key).toBe('auth.errors.unknown');
	});
});
