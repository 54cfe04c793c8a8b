// Test-only: real supabase-js clients against a test server.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';

export function anonClient(url: string, key: string): SupabaseClient {
	return createClient(url, key, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		realtime: { transport: WebSocket as never }
	});
}

/** A client whose session lives in a Map, as a browser tab would keep it in localStorage. */
export function statefulClient(
	url: string,
	key: string,
	flowType: 'implicit' | 'pkce' = 'implicit'
) {
	const store = new Map<string, string>();
	const client = createClient(url, key, {
		auth: {
			persistSession: true,
			autoRefreshToken: false,
			detectSessionInUrl: false,
			flowType,
			storage: {
				getItem: (k) => store.get(k) ?? null,
				setItem: (k, v) => void store.set(k, v),
				removeItem: (k) => void store.delete(k)
			}
		},
		realtime: { transport: WebSocket as never }
	});
	return { client, store };
}
