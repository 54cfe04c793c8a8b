// `npm run bench:push [-- --n 10000 --threads 1]`: reminders for N subscriptions through the real
// chain: the outbox in PostgreSQL 15 behind the local Supabase REST API (claim and settle), the real
// sender (aes128gcm with a fresh ephemeral key per message, encrypted in `--threads` worker threads
// or on its own thread with 0; cached VAPID JWT; HTTP/2) and the local HTTPS push service, which
// verifies the JWT and decrypts every message in its own process. Last line:
// push n=… sent=… lost=… duplicates=… per_s=… p95_ms=…
import { parseArgs } from 'node:util';
import { fork } from 'node:child_process';
import pg from 'pg';
import { EncryptPool } from '../src/lib/server/push/encrypt-pool';
import { drainAll } from '../src/lib/server/push/outbox';
import { PushSender, type SendOptions, type Subscription } from '../src/lib/server/push/sender';
import { serviceClient } from '../src/lib/server/push/service-client';
import { generateVapidKeys } from '../src/lib/server/push/vapid';
import { startTestSupabase } from '../supabase/local/testing';

const { values } = parseArgs({
	options: {
		n: { type: 'string', default: '10000' },
		batch: { type: 'string', default: '1000' },
		// Three drain loops of 128 sends in flight each: while one loop waits on its claim or settle
		// round trip, the others keep the HTTP/2 session and the encrypting thread busy. Measured
		// quiet: 64 × 2 gave 2,356–2,401/s, 128 × 3 gave 2,559–2,711/s.
		concurrency: { type: 'string', default: '128' },
		rounds: { type: 'string', default: '3' },
		/** Threads that encrypt (0: on the sender's own thread). */
		threads: { type: 'string', default: '1' }
	}
});
const N = Number(values.n);

interface ServiceReady {
	origin: string;
	ca: string;
	devices: { endpoint: string; p256dh: string; auth: string }[];
	cpu: NodeJS.CpuUsage;
}
interface ServiceTally {
	received: number;
	unique: number;
	rejected: number;
	cpu: NodeJS.CpuUsage;
}

/** The push service in its own process, so that decrypting does not share the sender's event loop. */
function startService(): Promise<{
	ready: ServiceReady;
	tally(): Promise<ServiceTally>;
	stop(): Promise<void>;
}> {
	const child = fork(new URL('./push-service-process.ts', import.meta.url), [String(N)], {
		// BENCH_PROF=<dir>: a CPU profile of the push service too (the sender: node --cpu-prof).
		execArgv: [
			'--import',
			'tsx',
			...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [])
		]
	});
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('message', (ready) =>
			resolve({
				ready: ready as ServiceReady,
				tally: () =>
					new Promise((r) => {
						child.once('message', (t) => r(t as ServiceTally));
						child.send('tally');
					}),
				stop: () =>
					new Promise<void>((r) => {
						child.once('exit', () => r());
						child.send('stop');
					})
			})
		);
	});
}

class TimedSender extends PushSender {
	readonly latencies: number[] = [];
	override async send(sub: Subscription, payload: string, opts: SendOptions) {
		const started = performance.now();
		const result = await super.send(sub, payload, opts);
		this.latencies.push(performance.now() - started);
		return result;
	}
}

async function main(): Promise<void> {
	process.env.TEST_DB = 'postgres';
	const [server, service] = await Promise.all([startTestSupabase(), startService()]);
	const sql = new pg.Client({ connectionString: server.dbUrl });
	await sql.connect();
	try {
		const { devices } = service.ready;
		// N people (the auth trigger makes their profiles), one device each, one reminder each.
		await sql.query(
			`insert into auth.users (id, aud, role, email, email_confirmed_at)
			 select gen_random_uuid(), 'authenticated', 'authenticated', 'bench' || g || '@example.test', now()
			 from generate_series(1, $1) g`,
			[N]
		);
		await sql.query(
			`with people as (select p.id, row_number() over (order by p.id) as i
			                 from public.profiles p join auth.users u on u.id = p.id
			                 where u.email like 'bench%@example.test')
			 insert into public.push_subscriptions (profile_id, endpoint, p256dh, auth)
			 select p.id, d.endpoint, d.p256dh, d.auth
			 from people p
			 join unnest($1::text[], $2::text[], $3::text[]) with ordinality as d (endpoint, p256dh, auth, i)
			   on d.i = p.i`,
			[devices.map((d) => d.endpoint), devices.map((d) => d.p256dh), devices.map((d) => d.auth)]
		);
		await sql.query(
			`insert into public.notifications (profile_id, kind, title, body, url, params, dedupe_key)
			 select ps.profile_id, 'reminder_1h', 'notify.reminder_1h.title', 'notify.reminder_1h.body',
			        '/lessons/1', jsonb_build_object('skill_vi', 'Thanh toán VietQR', 'skill_en', 'Pay with VietQR',
			        'starts_at', now() + interval '1 hour'), 'bench'
			 from public.push_subscriptions ps`
		);

		const db = serviceClient(server.url, server.serviceRoleKey);
		const threads = Number(values.threads);
		const pool = threads > 0 ? new EncryptPool(threads) : null;
		const sender = new TimedSender(generateVapidKeys('mailto:bench@example.test'), {
			ca: service.ready.ca,
			timeoutMs: 120_000,
			encrypt: pool ? (p256dh, auth, plaintext) => pool.encrypt(p256dh, auth, plaintext) : undefined
		});
		const started = performance.now();
		const cpuBefore = process.cpuUsage();
		const stats = await drainAll(db, sender, {
			batchSize: Number(values.batch),
			concurrency: Number(values.concurrency),
			settleEvery: 200,
			rounds: Number(values.rounds)
		});
		const seconds = (performance.now() - started) / 1000;
		const senderCpu = process.cpuUsage(cpuBefore);
		sender.close();
		await pool?.close();

		const tally = await service.tally();
		const unsent = await sql.query<{ n: string }>(
			"select count(*) as n from public.notifications where push_sent_at is null and dedupe_key = 'bench'"
		);
		const sorted = [...sender.latencies].sort((a, b) => a - b);
		const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
		// CPU per message does not depend on what else the machine runs (unlike sends/s): the sender's
		// process (the local Supabase REST server shares it) and the push service's, Postgres aside.
		const perMessage = (c: { user: number; system: number }) =>
			((c.user + c.system) / 1000 / N).toFixed(3);
		const serviceCpu = {
			user: tally.cpu.user - service.ready.cpu.user,
			system: tally.cpu.system - service.ready.cpu.system
		};
		console.log(
			`cpu_ms_per_message sender=${perMessage(senderCpu)} push_service=${perMessage(serviceCpu)}`
		);
		console.log(
			`claimed=${stats.claimed} retried=${stats.retried} rejected=${tally.rejected} unsent=${unsent.rows[0]?.n} jwt_signatures=${sender.vapid.signatures} seconds=${seconds.toFixed(2)}`
		);
		console.log(
			`push n=${N} sent=${stats.sent} lost=${N - tally.unique} duplicates=${tally.received - tally.unique} per_s=${Math.round(stats.sent / seconds)} p95_ms=${p95.toFixed(1)}`
		);
	} finally {
		await sql.end();
		await service.stop();
		await server.stop();
	}
}

await main();
