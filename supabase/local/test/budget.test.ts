// Issue 7, item 2: a statement that runs too long is cut at its role's statement_timeout with
// PostgreSQL's 57014 (PostgREST: 500), on PGlite as on PostgreSQL, while health keeps answering,
// committed data survives, requests queued behind it get their answer, and the server goes on.
// The fixture gives anon 1.5 s in this database (`alter role anon in database … set`).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../testing';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixture-budget');
let server: TestSupabase;

beforeAll(async () => {
	server = await startTestSupabase({ workdir: DIR });
}, 180_000);
afterAll(async () => {
	await server?.stop();
});

async function call(
	path: string,
	init: { method?: string; body?: unknown; service?: boolean } = {}
) {
	const key = init.service ? server.serviceRoleKey : server.anonKey;
	const res = await fetch(`${server.url}${path}`, {
		method: init.method ?? 'GET',
		headers: {
			apikey: key,
			Authorization: `Bearer ${key}`,
			...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
			Prefer: 'return=representation'
		},
		body: init.body === undefined ? undefined : JSON.stringify(init.body)
	});
	const text = await res.text();
	return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Runs `request`, and reports whether it was still running when `meanwhile` answered. */
async function whileRunning<T, U>(request: Promise<T>, meanwhile: () => Promise<U>) {
	let finished = false;
	const tracked = request.finally(() => {
		finished = true;
	});
	const answer = await meanwhile();
	const stillRunning = !finished;
	return { result: await tracked, answer, stillRunning };
}

const TIMEOUT = {
	code: '57014',
	details: null,
	hint: null,
	message: 'canceling statement due to statement timeout'
};

describe('a statement over its budget', () => {
	it('is cut with 57014 and a 500, while health answers', async () => {
		const run = await whileRunning(call('/rest/v1/rpc/slow', { method: 'POST', body: {} }), () =>
			call('/auth/v1/health')
		);
		expect(run.answer.status).toBe(200);
		expect(run.stillRunning).toBe(true);
		expect(run.result).toEqual({ status: 500, json: TIMEOUT });
	});

	it('cuts a huge cross join the same way (PGlite never checks an interrupt flag in it)', async () => {
		expect(await call('/rest/v1/rpc/cross_join')).toEqual({ status: 500, json: TIMEOUT });
	});

	it('keeps committed rows, drops the cut one, and answers the requests queued behind it', async () => {
		const first = await call('/rest/v1/budget_notes', {
			method: 'POST',
			body: { id: 1, body: 'kept' }
		});
		expect(first.status).toBe(201);
		const cut = call('/rest/v1/rpc/slow_write', { method: 'POST', body: { note_id: 2 } });
		const run = await whileRunning(cut, () =>
			Promise.all([
				call('/rest/v1/budget_notes', { method: 'POST', body: { id: 3, body: 'queued' } }),
				call('/rest/v1/', { service: true })
			])
		);
		const [queued, root] = run.answer;
		expect(queued.status).toBe(201);
		expect(root.status).toBe(200);
		expect(run.result).toEqual({ status: 500, json: TIMEOUT });
		const after = await call('/rest/v1/budget_notes?select=id,body&order=id');
		expect(after).toEqual({
			status: 200,
			json: [
				{ id: 1, body: 'kept' },
				{ id: 3, body: 'queued' }
			]
		});
	});

	it('leaves statements within the budget alone, for the service role too', async () => {
		expect(await call('/rest/v1/rpc/slow', { method: 'POST', body: { seconds: 0.2 } })).toEqual({
			status: 200,
			json: 1
		});
		// service_role has no setting of its own: the authenticator's 8 s, as on Supabase.
		expect(
			await call('/rest/v1/rpc/slow', { method: 'POST', body: { seconds: 2 }, service: true })
		).toEqual({ status: 200, json: 1 });
	});
});
