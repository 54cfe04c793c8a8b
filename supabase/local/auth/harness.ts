// Test-only: the core's in-process server with only the auth and outbox services mounted, over a
// fresh database (PGlite in memory, or a scratch database when TEST_DB=postgres). The config object
// is live: tests may change it between requests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropPostgresDatabase } from '../boot';
import { createLocalServer } from '../server';
import { testDatabaseUrl } from '../testing';
import type { LocalConfig, ServerContext } from '../types';
import { createAuthService } from './index';
import { createOutboxService } from './outbox';

export interface AuthTestServer {
	url: string;
	anonKey: string;
	serviceRoleKey: string;
	jwtSecret: string;
	config: LocalConfig;
	ctx: ServerContext;
	/** Newest first, as GET /outbox/messages?to= returns them. */
	outbox(
		to: string
	): Promise<{ code: string | null; body: string; subject: string | null; channel: string }[]>;
	stop(): Promise<void>;
}

export async function startAuthTestServer(
	configure: (config: LocalConfig) => void = () => undefined
): Promise<AuthTestServer> {
	const workdir = await mkdtemp(join(tmpdir(), 'auth-test-'));
	const dbUrl = process.env.TEST_DB === 'postgres' ? testDatabaseUrl() : undefined;
	const server = await createLocalServer({
		workdir,
		port: 0,
		dbUrl,
		dataDir: 'memory',
		reset: true,
		seed: false,
		services: { auth: createAuthService, outbox: createOutboxService },
		log: () => undefined
	});
	const config = server.config;
	config.auth.sms.enableSignup = true;
	configure(config);
	const ctx: ServerContext = { db: server.db, config, keys: server.keys, apiUrl: server.url };
	return {
		url: server.url,
		anonKey: server.keys.anonKey,
		serviceRoleKey: server.keys.serviceRoleKey,
		jwtSecret: server.keys.jwtSecret,
		config,
		ctx,
		async outbox(to) {
			const res = await fetch(`${server.url}/outbox/messages?to=${encodeURIComponent(to)}`);
			return (await res.json()) as Awaited<ReturnType<AuthTestServer['outbox']>>;
		},
		async stop() {
			await server.close();
			if (dbUrl) await dropPostgresDatabase(dbUrl);
			await rm(workdir, { recursive: true, force: true });
		}
	};
}
