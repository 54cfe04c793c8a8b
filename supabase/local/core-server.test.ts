import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KEYS } from './config';
import { createLocalServer, type LocalServer } from './server';
import type { LocalRequest, LocalResponse, ServerContext, Service } from './types';

let server: LocalServer;
let workdir: string;
const logs: string[] = [];
let reloaded = 0;
let seenCtx: ServerContext | undefined;

function echo(name: string): Service {
	return {
		async handle(req: LocalRequest): Promise<LocalResponse> {
			if (req.path === '/boom') throw new Error('secret stack detail');
			if (req.path === '/empty') return { status: 204 };
			if (req.path === '/text') {
				return { status: 200, headers: { 'Content-Type': 'text/csv' }, body: 'a,b\n1,2' };
			}
			return {
				status: 200,
				headers: { 'Content-Range': '0-0/1' },
				json: {
					name,
					method: req.method,
					path: req.path,
					query: [...req.query.entries()],
					apikey: req.headers.apikey ?? null,
					bytes: req.body.length,
					ip: req.ip
				}
			};
		}
	};
}

beforeAll(async () => {
	workdir = await mkdtemp(join(tmpdir(), 'core-server-'));
	server = await createLocalServer({
		workdir,
		port: 0,
		dataDir: 'memory',
		log: (m) => logs.push(m),
		services: {
			rest: (ctx) => {
				seenCtx = ctx;
				return {
					...echo('rest'),
					async reloadSchema() {
						reloaded++;
					}
				};
			},
			auth: () => echo('auth'),
			outbox: () => echo('outbox')
		}
	});
});

afterAll(async () => {
	await server?.close();
	await rm(workdir, { recursive: true, force: true });
});

describe('local server routing', () => {
	it('hands services a context with the real URL, keys and config, after reloading the schema', () => {
		expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(seenCtx?.apiUrl).toBe(server.url);
		expect(seenCtx?.keys).toEqual(DEFAULT_KEYS);
		expect(seenCtx?.config.api.maxRows).toBe(1000);
		expect(reloaded).toBe(1);
		expect(server.boot.fresh).toBe(true);
	});

	it('mounts services with paths relative to their prefix and decoded queries', async () => {
		const res = await fetch(
			`${server.url}/rest/v1/books?select=id,title&title=eq.a+b&or=(x.eq.1)`,
			{
				headers: { apikey: 'k' }
			}
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(res.headers.get('content-range')).toBe('0-0/1');
		expect(await res.json()).toMatchObject({
			name: 'rest',
			method: 'GET',
			path: '/books',
			query: [
				['select', 'id,title'],
				['title', 'eq.a b'],
				['or', '(x.eq.1)']
			],
			apikey: 'k',
			ip: '127.0.0.1'
		});
		const auth = await (
			await fetch(`${server.url}/auth/v1/token?grant_type=password`, {
				method: 'POST',
				body: '{"a":1}'
			})
		).json();
		expect(auth).toMatchObject({ name: 'auth', path: '/token', bytes: 7 });
		expect(await (await fetch(`${server.url}/outbox`)).json()).toMatchObject({ path: '/' });
		expect(await (await fetch(`${server.url}/rest/v1/s%C3%A1ch`)).json()).toMatchObject({
			path: '/sách'
		});
	});

	it('answers unknown paths with 404 JSON', async () => {
		for (const path of ['/', '/nope', '/rest/v2/x', '/rest/v1x']) {
			const res = await fetch(`${server.url}${path}`);
			expect(res.status).toBe(404);
			expect(await res.json()).toEqual({ message: 'no Route matched with those values' });
		}
	});

	it('sends CORS headers and answers preflight requests', async () => {
		const res = await fetch(`${server.url}/rest/v1/books`);
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(res.headers.get('access-control-expose-headers')).toMatch(/Content-Range/);
		expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Supabase-Api-Version/);
		const pre = await fetch(`${server.url}/rest/v1/books`, {
			method: 'OPTIONS',
			headers: {
				Origin: 'http://localhost:5173',
				'Access-Control-Request-Method': 'PATCH',
				'Access-Control-Request-Headers': 'apikey, authorization, x-client-info, prefer'
			}
		});
		expect(pre.status).toBe(200);
		expect(pre.headers.get('access-control-allow-methods')).toMatch(/PATCH/);
		expect(pre.headers.get('access-control-allow-headers')).toMatch(/prefer/);
		const bare = await fetch(`${server.url}/auth/v1/user`, { method: 'OPTIONS' });
		for (const h of ['apikey', 'authorization', 'x-client-info', 'content-profile', 'range']) {
			expect(bare.headers.get('access-control-allow-headers')).toContain(h);
		}
	});

	it('refuses bodies above 1 MiB with 413 JSON and accepts exactly 1 MiB', async () => {
		const ok = await fetch(`${server.url}/rest/v1/books`, {
			method: 'POST',
			body: 'x'.repeat(1024 * 1024)
		});
		expect(await ok.json()).toMatchObject({ bytes: 1024 * 1024 });
		const big = await fetch(`${server.url}/rest/v1/books`, {
			method: 'POST',
			body: 'x'.repeat(1024 * 1024 + 1)
		});
		expect(big.status).toBe(413);
		expect(await big.json()).toEqual({ message: 'Request size limit exceeded' });
		expect(big.headers.get('access-control-allow-origin')).toBe('*');
	});

	it('hides thrown errors behind 500 internal error and logs them', async () => {
		const res = await fetch(`${server.url}/rest/v1/boom`);
		expect(res.status).toBe(500);
		const text = await res.text();
		expect(JSON.parse(text)).toEqual({ message: 'internal error' });
		expect(text).not.toMatch(/secret/);
		expect(logs.join('\n')).toMatch(/secret stack detail/);
	});

	it('passes 204, HEAD and non-JSON bodies through', async () => {
		const empty = await fetch(`${server.url}/rest/v1/empty`, { method: 'DELETE' });
		expect(empty.status).toBe(204);
		expect(await empty.text()).toBe('');
		const head = await fetch(`${server.url}/rest/v1/books`, { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(await head.text()).toBe('');
		const csv = await fetch(`${server.url}/rest/v1/text`);
		expect(csv.headers.get('content-type')).toBe('text/csv');
		expect(await csv.text()).toBe('a,b\n1,2');
	});
});
