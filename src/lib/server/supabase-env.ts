// Where Supabase is, read at runtime so one build works against the local server or a real project.
import { env } from '$env/dynamic/public';

export function supabaseEnv(): { url: string; anonKey: string } {
	const url = env.PUBLIC_SUPABASE_URL;
	const anonKey = env.PUBLIC_SUPABASE_ANON_KEY;
	if (!url || !anonKey) {
		throw new Error('PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY must be set');
	}
	return { url, anonKey };
}

/** The local server's outbox, linked from the code step, only when Supabase runs on this machine. */
export function localOutboxUrl(isDev: boolean): string | null {
	const url = env.PUBLIC_SUPABASE_URL;
	if (!url) return null;
	const { hostname } = new URL(url);
	const local = hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
	return isDev || local ? `${url.replace(/\/$/, '')}/outbox` : null;
}
