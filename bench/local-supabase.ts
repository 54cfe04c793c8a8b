// `npm run bench:local-supabase [-- --requests N --concurrency C --only pglite|postgres]`
// Throughput and latency of the local Supabase server on PGlite and on PostgreSQL 15, over the
// bench fixture (bench/fixture/supabase): a simple select and an RPC, each with a bounded load.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dropPostgresDatabase, preparePostgresDatabase } from '../supabase/local/boot';
import { startLocalSupabase, type RunningSupabase } from '../supabase/local/index';

const FIXTURE = fileURLToPath(new URL('./fixture', import.meta.url));
const PG_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

interface Case {
	name: string;
	path: string;
	init: RequestInit;
	check(body: unknown): boolean;
}

function cases(key: string): Case[] {
	const headers = { apikey: key, authorization: `Bearer ${key}` };
	return [
		{
			name: 'select 20 rows',
			path: '/rest/v1/items?select=id,name,price&order=id.asc&limit=20',
			init: { headers: { ...headers, 'accept-profile': 'public' } },
			check: (b) => Array.isArray(b) && b.length === 20
		},
		{
			name: 'rpc price_sum',
			path: '/rest/v1/rpc/price_sum',
			init: {
				method: 'POST',
				headers: { ...headers, 'content-type': 'application/json', 'content-profile': 'public' },
				body: JSON.stringify({ max_id: 500 })
			},
			check: (b) => Number(b) > 0
		}
	];
}

interface Result {
	backend: string;
	name: string;
	requests: number;
	errors: number;
	seconds: number;
	p50: number;
	p95: number;
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function load(
	base: string,
	c: Case,
	requests: number,
	concurrency: number,
	backend: string
): Promise<Result> {
	const latencies: number[] = [];
	let errors = 0;
	let next = 0;
	let firstError: string | undefined;
	const started = performance.now();
	async function worker() {
		while (next < requests) {
			next++;
			const t0 = performance.now();
			try {
				const res = await fetch(base + c.path, c.init);
				const body = (await res.json()) as unknown;
				if (!res.ok || !c.check(body)) {
					errors++;
					firstError ??= `${res.status} ${JSON.stringify(body).slice(0, 200)}`;
				}
			} catch (err) {
				errors++;
				firstError ??= (err as Error).message;
			}
			latencies.push(performance.now() - t0);
		}
	}
	await Promise.all(Array.from({ length: concurrency }, worker));
	const seconds = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	if (firstError) console.error(`  ${backend} / ${c.name}: first error: ${firstError}`);
	return {
		backend,
		name: c.name,
		requests,
		errors,
		seconds,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95)
	};
}

function line(r: Result): string {
	const rps = (r.requests / r.seconds).toFixed(0).padStart(6);
	return `${r.backend.padEnd(9)} ${r.name.padEnd(15)} ${rps} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  errors ${r.errors}/${r.requests}`;
}

async function bench(
	backend: string,
	start: () => Promise<RunningSupabase>,
	requests: number,
	concurrency: number
): Promise<Result[]> {
	const t0 = performance.now();
	const server = await start();
	console.log(`${backend}: server ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	try {
		const results: Result[] = [];
		for (const c of cases(server.anonKey)) {
			// Warm up plans and connections before measuring.
			await load(server.url, c, Math.min(50, requests), Math.min(5, concurrency), backend);
			const r = await load(server.url, c, requests, concurrency, backend);
			console.log(line(r));
			results.push(r);
		}
		return results;
	} finally {
		await server.stop();
	}
}

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			requests: { type: 'string', default: '2000' },
			concurrency: { type: 'string', default: '20' },
			only: { type: 'string' }
		}
	});
	const requests = Math.min(100_000, Math.max(1, Number(values.requests)));
	const concurrency = Math.min(200, Math.max(1, Number(values.concurrency)));
	console.log(`local Supabase bench: ${requests} requests per case at concurrency ${concurrency}`);
	const results: Result[] = [];
	if (values.only !== 'postgres') {
		results.push(
			...(await bench(
				'pglite',
				() => startLocalSupabase({ port: 0, workdir: FIXTURE, dataDir: 'memory' }),
				requests,
				concurrency
			))
		);
	}
	if (values.only !== 'pglite') {
		const u = new URL(PG_URL);
		u.pathname = `/bench_local_${randomBytes(4).toString('hex')}`;
		const dbUrl = u.toString();
		await preparePostgresDatabase(dbUrl, true);
		try {
			results.push(
				...(await bench(
					'postgres',
					() => startLocalSupabase({ port: 0, workdir: FIXTURE, dbUrl }),
					requests,
					concurrency
				))
			);
		} finally {
			await dropPostgresDatabase(dbUrl);
		}
	}
	const errors = results.reduce((n, r) => n + r.errors, 0);
	const total = results.reduce((n, r) => n + r.requests, 0);
	const summary = results
		.map(
			(r) =>
				`${r.backend}/${r.name.split(' ')[0]} ${(r.requests / r.seconds).toFixed(0)} req/s p95 ${r.p95.toFixed(1)} ms`
		)
		.join('; ');
	console.log(`summary: ${results.length} cases, ${total} requests, ${errors} errors; ${summary}`);
	return errors === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(err: unknown) => {
		console.error(`bench failed: ${(err as Error)?.stack ?? err}`);
		process.exit(1);
	}
);
