// The local Supabase server: boots the database, then serves /rest/v1, /auth/v1 and /outbox.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { openDatabase, type BootResult } from './boot';
import { DEFAULT_KEYS, loadConfig } from './config';
import { createRequestListener } from './http';
import type { Db, Keys, LocalConfig, ServerContext, Service } from './types';

export type RestFactory = (ctx: ServerContext) => Service & { reloadSchema?(): Promise<void> };
export type ServiceFactory = (ctx: ServerContext) => Service;

/** Injected in tests; by default the real REST, Auth and outbox services are loaded. */
export interface ServiceFactories {
	rest?: RestFactory;
	auth?: ServiceFactory;
	outbox?: ServiceFactory;
}

export interface LocalServerOptions {
	workdir?: string;
	/** 0 picks a free port; default `[api] port` of config.toml (54321). */
	port?: number;
	host?: string;
	/** PostgreSQL URL; PGlite when absent. */
	dbUrl?: string;
	/** PGlite data directory (`memory` for none); default `<workdir>/supabase/.local-data/pglite`. */
	dataDir?: string;
	reset?: boolean;
	seed?: boolean;
	/** Budget of a statement whose role sets none, in ms (default 8000; 0 = none). */
	statementTimeoutMs?: number;
	services?: ServiceFactories;
	log?: (message: string) => void;
	bodyLimit?: number;
}

export interface LocalServer {
	url: string;
	port: number;
	keys: Keys;
	config: LocalConfig;
	db: Db;
	boot: BootResult;
	/** Where the data lives: the PGlite directory or the URL without password. */
	dbLabel: string;
	close(): Promise<void>;
}

async function defaultFactories(): Promise<Required<ServiceFactories>> {
	const [rest, auth, outbox] = await Promise.all([
		import('./rest/index'),
		import('./auth/index'),
		import('./auth/outbox')
	]);
	return {
		rest: rest.createRestService,
		auth: auth.createAuthService,
		outbox: outbox.createOutboxService
	};
}

export function redactUrl(url: string): string {
	const u = new URL(url);
	u.password = '';
	return u.toString();
}

function listen(server: Server, port: number, host: string): Promise<number> {
	return new Promise((ok, fail) => {
		server.once('error', fail);
		server.listen(port, host, () => {
			server.off('error', fail);
			ok((server.address() as AddressInfo).port);
		});
	});
}

export async function createLocalServer(opts: LocalServerOptions = {}): Promise<LocalServer> {
	const workdir = resolve(opts.workdir ?? process.cwd());
	const log = opts.log ?? ((m: string) => console.error(m));
	const config = await loadConfig(workdir);
	const keys = DEFAULT_KEYS;
	const host = opts.host ?? '127.0.0.1';
	const factories = { ...(opts.services ?? (await defaultFactories())) };

	const { db, boot } = await openDatabase({
		workdir,
		dbUrl: opts.dbUrl,
		dataDir: opts.dataDir,
		reset: opts.reset,
		seed: opts.seed,
		statementTimeoutMs: opts.statementTimeoutMs,
		log
	});

	let services: Record<string, Service> | undefined;
	const listener = createRequestListener({
		services: () => services,
		log,
		bodyLimit: opts.bodyLimit
	});
	const server = createServer((req, res) => void listener(req, res));
	let port: number;
	try {
		port = await listen(server, opts.port ?? config.api.port, host);
	} catch (err) {
		await db.close();
		throw err;
	}
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	const ctx: ServerContext = { db, config, keys, apiUrl: url };
	try {
		const mounted: Record<string, Service> = {};
		if (factories.rest) {
			const rest = factories.rest(ctx);
			await rest.reloadSchema?.();
			mounted['/rest/v1'] = rest;
		}
		if (factories.auth) mounted['/auth/v1'] = factories.auth(ctx);
		if (factories.outbox) mounted['/outbox'] = factories.outbox(ctx);
		services = mounted;
	} catch (err) {
		server.close();
		await db.close();
		throw err;
	}

	let closing: Promise<void> | undefined;
	return {
		url,
		port,
		keys,
		config,
		db,
		boot,
		dbLabel: opts.dbUrl
			? redactUrl(opts.dbUrl)
			: opts.dataDir === 'memory'
				? 'PGlite (in memory)'
				: `PGlite ${opts.dataDir ?? resolve(workdir, 'supabase/.local-data/pglite')}`,
		close() {
			closing ??= (async () => {
				await new Promise<void>((ok) => {
					server.close(() => ok());
					server.closeAllConnections();
				});
				await db.close();
			})();
			return closing;
		}
	};
}
