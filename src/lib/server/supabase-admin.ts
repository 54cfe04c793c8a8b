// The one service-role Supabase client of the app server, created lazily: used only where a policy
// cannot express the rule (an anonymous visitor verifying a badge by its token).
import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { serviceClient } from '$lib/server/push/service-client';
import type { Supabase } from '$lib/types/db';

let client: Supabase | undefined;

/** The service-role client, or null when the server has no service key (then say so, not fail). */
export function supabaseAdmin(): Supabase | null {
	const url = publicEnv.PUBLIC_SUPABASE_URL;
	const key = env.SUPABASE_SERVICE_ROLE_KEY;
	if (!url || !key) return null;
	client ??= serviceClient(url, key) as unknown as Supabase;
	return client;
}
