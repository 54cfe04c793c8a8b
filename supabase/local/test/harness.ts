// Shared setup for the REST contract tests: one local Supabase per test file over the fixture
// project, clients of the real supabase-js, and JWTs signed here so no test needs /auth/v1.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { afterAll, beforeAll } from 'vitest';
import { signJwt } from '../jwt';
import { startTestSupabase } from '../testing';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixture');

/** Generous: PGlite boots, applies platform SQL, migrations and seed. */
const BOOT_TIMEOUT = 180_000;

export type TestServer = Awaited<ReturnType<typeof startTestSupabase>>;

/**
 * Boots one server over the fixture project before the file's tests, hands it to `ready` (to make
 * clients), and stops it after them.
 */
export function useFixtureServer(ready: (server: TestServer) => void | Promise<void>): void {
	let server: TestServer | undefined;
	beforeAll(async () => {
		server = await startTestSupabase({ workdir: FIXTURE_DIR });
		await ready(server);
	}, BOOT_TIMEOUT);
	afterAll(async () => {
		await server?.stop();
	});
}

export const ALICE = '00000000-0000-4000-8000-000000000001';
export const BOB = '00000000-0000-4000-8000-000000000002';

/** The 30 extra seeded users (…10 to …39); user n owns `n % 3 + 1` notes. */
export const CROWD = Array.from({ length: 30 }, (_, i) => {
	const n = i + 10;
	return { id: `00000000-0000-4000-8000-0000000000${n}`, n, notes: (n % 3) + 1 };
});

/** A GoTrue-shaped access token for `sub`, signed with the server's secret. */
export function userToken(server: TestServer, sub: string, extra: Record<string, unknown> = {}) {
	const now = Math.floor(Date.now() / 1000);
	return signJwt(
		{
			aud: 'authenticated',
			exp: now + 3600,
			iat: now,
			iss: `${server.url}/auth/v1`,
			sub,
			email: `${sub}@example.test`,
			phone: '',
			role: 'authenticated',
			app_metadata: { provider: 'email', providers: ['email'] },
			user_metadata: {},
			aal: 'aal1',
			amr: [{ method: 'password', timestamp: now }],
			session_id: `session-${sub}`,
			is_anonymous: false,
			...extra
		},
		server.jwtSecret
	);
}

/** What the server answered last, for the headers supabase-js does not surface. */
export interface Recorded {
	status: number;
	headers: Headers;
	method: string;
	url: string;
	requestHeaders: Headers;
}

export interface TestClient {
	db: SupabaseClient;
	last(): Recorded;
}

/**
 * A supabase-js client with the anon key as apikey. `token` replaces the bearer (a user JWT or
 * the service key); without it the client sends the anon key, as a signed-out browser does.
 */
export function client(server: TestServer, token?: string, key = server.anonKey): TestClient {
	let recorded: Recorded | undefined;
	const recordingFetch: typeof fetch = async (input, init) => {
		const request = new Request(input, init);
		const res = await fetch(request);
		recorded = {
			status: res.status,
			headers: res.headers,
			method: request.method,
			url: request.url,
			requestHeaders: request.headers
		};
		return res;
	};
	const db = createClient(server.url, key, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		realtime: { transport: WebSocket as never },
		global: {
			fetch: recordingFetch,
			headers: token ? { Authorization: `Bearer ${token}` } : {}
		}
	});
	return {
		db,
		last() {
			if (!recorded) throw new Error('no request recorded yet');
			return recorded;
		}
	};
}

export function serviceClient(server: TestServer): TestClient {
	return client(server, server.serviceRoleKey, server.serviceRoleKey);
}

/** Raw request to /rest/v1 for what supabase-js cannot send (hostile names, headers). */
export async function rest(
	server: TestServer,
	path: string,
	init: { method?: string; headers?: Record<string, string>; body?: string; token?: string } = {}
): Promise<{ status: number; headers: Headers; text: string; json: unknown }> {
	const res = await fetch(`${server.url}/rest/v1${path}`, {
		method: init.method ?? 'GET',
		headers: {
			apikey: server.anonKey,
			Authorization: `Bearer ${init.token ?? server.anonKey}`,
			...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
			...init.headers
		},
		body: init.body
	});
	const text = await res.text();
	let json: unknown = undefined;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

/** Ids of rows, in the order returned. */
export function ids(rows: unknown): number[] {
	if (!Array.isArray(rows)) throw new Error(`expected an array, got ${JSON.stringify(rows)}`);
	return rows.map((r) => (r as { id: number }).id);
}
