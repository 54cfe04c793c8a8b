// GoTrue's error shape. Clients send `X-Supabase-Api-Version: 2024-01-01`, to which GoTrue answers
// `{code: <error code>, message}`; older readers look for `error_code` and `msg`, so both are sent.
import type { LocalResponse } from '../types';

export const API_VERSION = '2024-01-01';

export class AuthError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly extra: Record<string, unknown> = {}
	) {
		super(message);
		this.name = 'AuthError';
	}
}

export const badRequest = (code: string, msg: string) => new AuthError(400, code, msg);
export const unprocessable = (code: string, msg: string) => new AuthError(422, code, msg);
export const forbidden = (code: string, msg: string) => new AuthError(403, code, msg);
export const notFound = (code: string, msg: string) => new AuthError(404, code, msg);
export const tooMany = (code: string, msg: string) => new AuthError(429, code, msg);

export const validationFailed = (msg: string) => badRequest('validation_failed', msg);
export const otpExpired = () => forbidden('otp_expired', 'Token has expired or is invalid');
export const invalidCredentials = () =>
	badRequest('invalid_credentials', 'Invalid login credentials');

export function weakPassword(min: number): AuthError {
	return new AuthError(422, 'weak_password', `Password should be at least ${min} characters.`, {
		weak_password: { reasons: ['length'] }
	});
}

export function frequencyLimited(code: string, secondsLeft: number): AuthError {
	return tooMany(
		code,
		`For security purposes, you can only request this after ${Math.max(1, secondsLeft)} seconds.`
	);
}

export function errorResponse(err: AuthError): LocalResponse {
	return {
		status: err.status,
		headers: { 'X-Supabase-Api-Version': API_VERSION },
		json: {
			code: err.code,
			error_code: err.code,
			msg: err.message,
			message: err.message,
			...err.extra
		}
	};
}
