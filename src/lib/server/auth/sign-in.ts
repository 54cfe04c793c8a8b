// The sign-in form actions: phone + SMS code first, e-mail + password or e-mail code second.
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { AuthError } from '@supabase/supabase-js';
import { mapAuthError } from '$lib/auth/errors';
import {
	emailCodeSchema,
	emailPasswordSchema,
	emailSchema,
	phoneCodeSchema,
	phoneSchema
} from '$lib/validation/auth';
import { parseForm } from '$lib/validation/form';
import type { SignInState } from '$lib/types/sign-in';
import { finishSignIn, safeRedirect } from './after-sign-in';

export type { SignInState };

const invalid = (state: SignInState) => fail(400, state);
const refused = (error: AuthError, state: SignInState) =>
	fail(error.status === 429 ? 429 : 400, { ...state, authError: mapAuthError(error) });

async function read(event: RequestEvent) {
	const form = await event.request.formData();
	return { form, redirectTo: safeRedirect(form.get('redirect_to')) };
}

export async function sendPhoneCode(event: RequestEvent) {
	const { form } = await read(event);
	const parsed = parseForm(phoneSchema, form);
	if (!parsed.ok) return invalid({ errors: parsed.errors, values: parsed.values });
	const { phone } = parsed.data;
	// A new account's profile is created in the language the person is reading.
	const options = { data: { locale: event.locals.locale } };
	const { error } = await event.locals.supabase.auth.signInWithOtp({ phone, options });
	// A refused resend keeps the code step, where the person was.
	if (error && form.has('resend')) return refused(error, { step: 'phone_code', phone });
	if (error) return refused(error, { values: { phone: form.get('phone') } });
	return { step: 'phone_code', phone } satisfies SignInState;
}

export async function verifyPhoneCode(event: RequestEvent) {
	const { form, redirectTo } = await read(event);
	const parsed = parseForm(phoneCodeSchema, form);
	const phone = String(form.get('phone') ?? '');
	if (!parsed.ok) return invalid({ step: 'phone_code', phone, errors: parsed.errors });
	const { data, error } = await event.locals.supabase.auth.verifyOtp({
		phone: parsed.data.phone,
		token: parsed.data.code,
		type: 'sms'
	});
	if (error || !data.user) return refused(error ?? unknownError(), { step: 'phone_code', phone });
	return finishSignIn(event.locals, event.cookies, data.user.id, redirectTo);
}

export async function signInWithPassword(event: RequestEvent) {
	const { form, redirectTo } = await read(event);
	const parsed = parseForm(emailPasswordSchema, form);
	const submitted = 'password';
	if (!parsed.ok) return invalid({ errors: parsed.errors, values: parsed.values, submitted });
	const { data, error } = await event.locals.supabase.auth.signInWithPassword(parsed.data);
	const values = { email: parsed.data.email };
	if (error || !data.user) return refused(error ?? unknownError(), { values, submitted });
	return finishSignIn(event.locals, event.cookies, data.user.id, redirectTo);
}

export async function sendEmailCode(event: RequestEvent) {
	const { form } = await read(event);
	const parsed = parseForm(emailSchema, form);
	const submitted = 'code';
	if (!parsed.ok) return invalid({ errors: parsed.errors, values: parsed.values, submitted });
	const { email } = parsed.data;
	const options = { data: { locale: event.locals.locale } };
	const { error } = await event.locals.supabase.auth.signInWithOtp({ email, options });
	if (error && form.has('resend')) return refused(error, { step: 'email_code', email });
	if (error) return refused(error, { values: { email }, submitted });
	return { step: 'email_code', email } satisfies SignInState;
}

export async function verifyEmailCode(event: RequestEvent) {
	const { form, redirectTo } = await read(event);
	const parsed = parseForm(emailCodeSchema, form);
	const email = String(form.get('email') ?? '');
	if (!parsed.ok) return invalid({ step: 'email_code', email, errors: parsed.errors });
	const { data, error } = await event.locals.supabase.auth.verifyOtp({
		email: parsed.data.email,
		token: parsed.data.code,
		type: 'email'
	});
	if (error || !data.user) return refused(error ?? unknownError(), { step: 'email_code', email });
	return finishSignIn(event.locals, event.cookies, data.user.id, redirectTo);
}

function unknownError(): AuthError {
	return { name: 'AuthError', message: 'no user in the response', status: 500 } as AuthError;
}
