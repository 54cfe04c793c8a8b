import '$lib/i18n/messages.server';
import { createServerClient } from '@supabase/ssr';
import type { RealtimeClientOptions } from '@supabase/supabase-js';
import { redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import WebSocket from 'ws';
import { LOCALE_COOKIE } from '$lib/i18n/config';
import { resolveLocale } from '$lib/i18n/resolve';
import { htmlClass } from '$lib/preferences';
import { clientAddressHeaders } from '$lib/server/auth/client-address';
import * as profiles from '$lib/server/db/profiles';
import { prefsFromCookies, prefsFromProfile } from '$lib/server/preferences';
import { supabaseEnv } from '$lib/server/supabase-env';
import type { Database } from '$lib/types/db';

/** Language and display preferences from cookies; authGuard overrides them from the profile. */
const i18nHandle: Handle = async ({ event, resolve }) => {
	event.locals.locale = resolveLocale({
		cookie: event.cookies.get(LOCALE_COOKIE),
		acceptLanguage: event.request.headers.get('accept-language')
	});
	event.locals.prefs = prefsFromCookies(event.cookies);
	// Read at render time, after authGuard and the loads have had their say.
	return resolve(event, {
		transformPageChunk: ({ html }) =>
			html
				.replace('%lang%', event.locals.locale)
				.replace('%html.class%', htmlClass(event.locals.prefs))
	});
};

// ws's constructor is wider than the browser-shaped type realtime-js declares; it works as is.
type Transport = NonNullable<RealtimeClientOptions['transport']>;

const supabaseHandle: Handle = async ({ event, resolve }) => {
	const { url, anonKey } = supabaseEnv();
	event.locals.supabase = createServerClient<Database>(url, anonKey, {
		cookies: {
			getAll: () => event.cookies.getAll(),
			setAll: (cookiesToSet, headers) => {
				for (const { name, value, options } of cookiesToSet) {
					event.cookies.set(name, value, { ...options, path: '/' });
				}
				// Responses that set auth cookies must never be cached and served to someone else.
				if (Object.keys(headers).length) event.setHeaders(headers);
			}
		},
		realtime: { transport: WebSocket as unknown as Transport },
		global: { headers: clientAddressHeaders(event) }
	});

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

const authGuard: Handle = async ({ event, resolve }) => {
	const { session, user } = await event.locals.safeGetSession();
	event.locals.session = session;
	event.locals.user = user;
	event.locals.profile = user ? await profiles.getSummary(event.locals.supabase, user.id) : null;
	const profile = event.locals.profile;
	if (profile) {
		event.locals.locale = resolveLocale({
			profile: profile.locale,
			cookie: event.cookies.get(LOCALE_COOKIE),
			acceptLanguage: event.request.headers.get('accept-language')
		});
		event.locals.prefs = prefsFromProfile(profile);
	}

	// Guards actions too: they run before any layout load.
	if (event.route.id?.startsWith('/(app)') && !user) {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/sign-in?redirect_to=${encodeURIComponent(back)}`);
	}
	return resolve(event);
};

export const handle = sequence(i18nHandle, supabaseHandle, authGuard);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const errorId = crypto.randomUUID().slice(0, 8);
	if (status !== 404) {
		console.error(`[${errorId}] ${event.request.method} ${event.url.pathname}`, error);
	}
	return { message: status === 404 ? 'Not Found' : message, errorId };
};
