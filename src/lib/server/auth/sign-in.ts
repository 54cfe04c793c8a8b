// The sign-in form actions: phone + SMS code first, e-mail + password or e-mail code second.
// The page ships no JavaScript, so every action answers with a redirect (post-redirect-get): the
// address never keeps `?/action`, a reload never posts again, and the code step is a page of its
// own (`?step=code`) that survives a language switch.
import { redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { AuthError } from '@supabase/supabase-js';
import { mapAuthError } from '$lib/auth/errors';
import { goWithMessage, loadForm, pageUrl, readForm, rejectForm } from '$lib/forms/server';
import type { FormMessage } from '$lib/forms/messages';
import { formatVietnamesePhone } from '$lib/phone';
import { codeSchema, emailPasswordSchema, emailSchema, phoneSchema } from '$lib/validation/auth';
import { finishSignIn, safeRedirect } from './after-sign-in';

/** Where the code went: kept by the server between the two steps, never posted back. */
export interface PendingSignIn {
	channel: 'phone' | 'email';
	to: string;
}

const PENDING_COOKIE = 'sign_in_pending';
/** A little longer than the code lives (config.toml: 5 minutes). */
const PENDING_SECONDS = 15 * 60;

export async function loadSignIn(event: RequestEvent) {
	const { url, cookies } = event;
	const pending = readPending(cookies);
	const step = url.searchParams.get('step') === 'code' && pending ? pending : null;
	return {
		/** The code step, when a code was sent and the address asks for it. */
		pending: step,
		phoneForm: await loadForm(event, phoneSchema, {
			id: 'phone',
			data: { phone: pending?.channel === 'phone' ? formatVietnamesePhone(pending.to) : '' }
		}),
		emailForm: await loadForm(event, emailSchema, {
			id: 'email-code',
			data: { email: pending?.channel === 'email' ? pending.to : '' }
		}),
		passwordForm: await loadForm(event, emailPasswordSchema, { id: 'email-password' }),
		codeForm: await loadForm(event, codeSchema, { id: 'code' })
	};
}

export async function sendPhoneCode(event: RequestEvent) {
	const form = await readForm(event, phoneSchema, 'phone');
	if (!form.valid) return rejectForm(event, form);
	return sendCode(event, { channel: 'phone', to: form.data.phone }, (message) =>
		rejectForm(event, form, { message })
	);
}

export async function sendEmailCode(event: RequestEvent) {
	const form = await readForm(event, emailSchema, 'email-code');
	if (!form.valid) return rejectForm(event, form);
	return sendCode(event, { channel: 'email', to: form.data.email }, (message) =>
		rejectForm(event, form, { message })
	);
}

/** "Send again" on the code step. */
export async function resendCode(event: RequestEvent) {
	const pending = readPending(event.cookies);
	if (!pending) redirect(303, startUrl(event.url));
	const form = await readForm(event, codeSchema, 'code');
	return sendCode(event, pending, (message) => rejectForm(event, form, { message }), {
		key: 'auth.code.resent',
		tone: 'ok'
	});
}

export async function verifyCode(event: RequestEvent) {
	const pending = readPending(event.cookies);
	if (!pending) redirect(303, startUrl(event.url));
	const form = await readForm(event, codeSchema, 'code');
	if (!form.valid) return rejectForm(event, form);
	const { data, error } = await event.locals.supabase.auth.verifyOtp(
		pending.channel === 'phone'
			? { phone: pending.to, token: form.data.code, type: 'sms' }
			: { email: pending.to, token: form.data.code, type: 'email' }
	);
	if (error || !data.user) return rejectForm(event, form, refusal(error));
	event.cookies.delete(PENDING_COOKIE, { path: '/sign-in' });
	return finishSignIn(event.locals, event.cookies, data.user.id, redirectTo(event.url));
}

export async function signInWithPassword(event: RequestEvent) {
	const form = await readForm(event, emailPasswordSchema, 'email-password');
	if (!form.valid) return rejectForm(event, form);
	const { data, error } = await event.locals.supabase.auth.signInWithPassword(form.data);
	if (error || !data.user) return rejectForm(event, form, refusal(error));
	return finishSignIn(event.locals, event.cookies, data.user.id, redirectTo(event.url));
}

/**
 * Sends a code and goes to the code step. Asked again within the Auth server's interval, the code
 * sent moments ago still works: the code step says when a new one can be asked for.
 */
async function sendCode(
	event: RequestEvent,
	pending: PendingSignIn,
	refuse: (message: FormMessage) => unknown,
	sent?: FormMessage
) {
	// A new account's profile is created in the language the person is reading.
	const options = { data: { locale: event.locals.locale } };
	const { error } = await event.locals.supabase.auth.signInWithOtp(
		pending.channel === 'phone' ? { phone: pending.to, options } : { email: pending.to, options }
	);
	const failure = error ? mapAuthError(error) : null;
	if (failure && failure.key !== 'auth.errors.rate_limited') {
		return refuse({ ...failure, tone: 'error' });
	}
	event.cookies.set(PENDING_COOKIE, JSON.stringify(pending), {
		path: '/sign-in',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		maxAge: PENDING_SECONDS
	});
	const waitMessage: FormMessage | undefined = failure?.values
		? { key: 'auth.code.wait', values: failure.values, tone: 'ok' }
		: sent;
	const to = codeStepUrl(event.url);
	if (waitMessage) goWithMessage(event, to, 'code', waitMessage);
	redirect(303, to);
}

function refusal(error: AuthError | null) {
	const failure = mapAuthError(error ?? unknownError());
	return { status: 400, message: { ...failure, tone: 'error' as const } };
}

function readPending(cookies: Cookies): PendingSignIn | null {
	try {
		const value = JSON.parse(cookies.get(PENDING_COOKIE) ?? 'null') as PendingSignIn | null;
		return value && (value.channel === 'phone' || value.channel === 'email') ? value : null;
	} catch {
		return null;
	}
}

function redirectTo(url: URL) {
	return safeRedirect(url.searchParams.get('redirect_to'));
}

function withQuery(url: URL, set: Record<string, string | null>) {
	const target = new URL(pageUrl(url), url);
	for (const [key, value] of Object.entries(set)) {
		if (value === null) target.searchParams.delete(key);
		else target.searchParams.set(key, value);
	}
	return target.pathname + target.search;
}

const codeStepUrl = (url: URL) => withQuery(url, { step: 'code' });
const startUrl = (url: URL) => withQuery(url, { step: null });

function unknownError(): AuthError {
	return { name: 'AuthError', message: 'no user in the response', status: 500 } as AuthError;
}
