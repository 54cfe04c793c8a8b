// One Supabase client per request, reading and writing the session in this request's cookies.
import { createServerClient } from '@supabase/ssr';
import type { RealtimeClientOptions } from '@supabase/supabase-js';
import type { RequestEvent } from '@sveltejs/kit';
import WebSocket from 'ws';
import { clientAddressHeaders } from '$lib/server/auth/client-address';
import { supabaseEnv } from '$lib/server/supabase-env';
import type { Database, Supabase } from '$lib/types/db';

// ws's constructor is wider than the browser-shaped type realtime-js declares; it works as is.
type Transport = NonNullable<RealtimeClientOptions['transport']>;

export function createRequestClient(event: RequestEvent): Supabase {
	const { url, anonKey } = supabaseEnv();
	// Kit marks cookies Secure except on http://localhost; a browser drops Secure cookies sent over
	// plain http, so signing in at http://127.0.0.1 or a LAN address would silently fail. Over https
	// (production) they stay Secure.
	const secure = event.url.protocol === 'https:';
	return createServerClient<Database>(url, anonKey, {
		cookies: {
			getAll: () => event.cookies.getAll(),
			setAll: (cookiesToSet, headers) => {
				for (const { name, value, options } of cookiesToSet) {
					event.cookies.set(name, value, { ...options, path: '/', secure });
				}
				// Responses that set auth cookies must never be cached and served to someone else.
				if (Object.keys(headers).length) event.setHeaders(headers);
			}
		},
		realtime: { transport: WebSocket as unknown as Transport },
		// Auth's per-address limits see the person, not this server (see client-address.ts).
		global: { headers: clientAddressHeaders(event) }
	});
}
