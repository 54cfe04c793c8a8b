// A service-role Supabase client for the worker and the cron endpoint (no SvelteKit imports). Node 20
// has no global WebSocket, which supabase-js's realtime client wants even when unused: give it `ws`.
import {
	createClient,
	type RealtimeClientOptions,
	type SupabaseClient
} from '@supabase/supabase-js';
import WebSocket from 'ws';

type Transport = NonNullable<RealtimeClientOptions['transport']>;

export function serviceClient(url: string, serviceRoleKey: string): SupabaseClient {
	return createClient(url, serviceRoleKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as unknown as Transport }
	});
}
