// Every request passes six hooks, each with one job:
// body (read what the answer left unread) → headers (what the browser may load) → supabase (a
// client per request) → auth (who is this, verified) → preferences (language and display
// settings) → guard (may they send this, open this).
import '$lib/i18n/messages.server';
import { redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { LOCALE_COOKIE } from '$lib/i18n/config';
import { resolveLocale } from '$lib/i18n/resolve';
import { htmlClass } from '$lib/preferences';
import * as coordinators from '$lib/server/db/coordinators';
import * as profiles from '$lib/server/db/profiles';
import { decide, isCrossSiteForm } from '$lib/server/hooks/access';
import { env } from '$env/dynamic/private';
import { bodySizeLimit, declaredTooLarge, drainBody } from '$lib/server/hooks/drain-body';
import { securityHeaders } from '$lib/server/hooks/security-headers';
import { mapSettings } from '$lib/server/map-settings';
import { refuse } from '$lib/server/hooks/refuse';
import { createRequestClient } from '$lib/server/hooks/supabase-client';
import { prefsFromCookies, prefsFromProfile } from '$lib/server/preferences';

const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const kitPolicy = response.headers.get('content-security-policy');
	for (const [name, value] of Object.entries(
		securityHeaders(event.url, kitPolicy, mapSettings().tileUrl)
	)) {
		response.headers.set(name, value);
	}
	return response;
};

const supabase: Handle = async ({ event, resolve }) => {
	event.locals.supabase = createRequestClient(event);
	event.locals.safeGetSession = async () => {
		const {
			data: { session }
		} = await event.locals.supabase.auth.getSession();
		if (!session) return { session: null, user: null };
		// getSession() only reads the cookie; getUser() asks the Auth server whether it is real.
		const {
			data: { user },
			error
		} = await event.locals.supabase.auth.getUser();
		if (error || !user) return { session: null, user: null };
		return { session, user };
	};
	return resolve(event, {
		filterSerializedResponseHeaders: (name) =>
			name === 'content-range' || name === 'x-supabase-api-version'
	});
};

const auth: Handle = async ({ event, resolve }) => {
	const { session, user } = await event.locals.safeGetSession();
	event.locals.session = session;
	event.locals.user = user;
	event.locals.profile = user ? await profiles.getSummary(event.locals.supabase, user.id) : null;
	return resolve(event);
};

/** Language and display settings: the profile's when signed in, else cookies and the browser's. */
const preferences: Handle = async ({ event, resolve }) => {
	const profile = event.locals.profile;
	event.locals.locale = resolveLocale({
		profile: profile?.locale,
		cookie: event.cookies.get(LOCALE_COOKIE),
		acceptLanguage: event.request.headers.get('accept-language')
	});
	event.locals.prefs = profile ? prefsFromProfile(profile) : prefsFromCookies(event.cookies);
	// Read at render time, after the loads and actions have had their say (a save changes them).
	return resolve(event, {
		transformPageChunk: ({ html }) =>
			html
				.replace('%lang%', event.locals.locale)
				.replace('%html.class%', htmlClass(event.locals.prefs))
	});
};

/** Runs before any load or form action, so it guards actions too (see hooks/access.ts). */
const guard: Handle = async ({ event, resolve }) => {
	if (declaredTooLarge(event.request, bodySizeLimit(env.BODY_SIZE_LIMIT)))
		return refuse(event, 413);
	if (isCrossSiteForm(event.request, event.url)) return refuse(event, 403);
	const { user, supabase } = event.locals;
	const verdict = await decide(event.route.id, user?.id ?? null, async () =>
		user ? (await coordinators.wardsOf(supabase, user.id)).length > 0 : false
	);
	if (verdict === 'sign_in') {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/sign-in?redirect_to=${encodeURIComponent(back)}`);
	}
	if (verdict === 'forbidden') return refuse(event, 403);
	return resolve(event);
};

// drainBody first, so it also reads what is left after a redirect or refusal thrown further in.
export const handle = sequence(drainBody, headers, supabase, auth, preferences, guard);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const errorId = crypto.randomUUID().slice(0, 8);
	// Not found and too large are the visitor's doing (the fuzz sends thousands), not ours.
	if (status !== 404 && status !== 413) {
		console.error(`[${errorId}] ${event.request.method} ${event.url.pathname}`, error);
	}
	return { message: status === 404 ? 'Not Found' : message, errorId };
};
