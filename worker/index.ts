// The background worker (`npm run worker`): expires unanswered proposals and sends due notices from
// the outbox as web push. Any number may run: rows are claimed with FOR UPDATE SKIP LOCKED under a
// lease, so none is sent by two workers and one killed mid-batch is picked up when its lease ends.
import { EncryptPool } from '../src/lib/server/push/encrypt-pool';
import { drainOnce, PushSender, serviceClient, vapidKeysFrom } from '../src/lib/server/push/index';

const env = process.env;
const url = env.SUPABASE_URL ?? env.PUBLIC_SUPABASE_URL;
const key = env.SUPABASE_SERVICE_ROLE_KEY;
if (!url || !key) {
	console.error('worker: PUBLIC_SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY must be set');
	process.exit(2);
}

const POLL_MS = Number(env.WORKER_POLL_MS ?? 5000);
const JOBS_EVERY_MS = 60_000;
const options = {
	batchSize: Number(env.WORKER_BATCH ?? 200),
	leaseSeconds: Number(env.WORKER_LEASE_SECONDS ?? 60),
	concurrency: Number(env.WORKER_CONCURRENCY ?? 64)
};
/** WORKER_ONCE=1: drain what is due, then exit (tests, one-off runs). */
const once = env.WORKER_ONCE === '1';

const db = serviceClient(url, key);
/** WORKER_ENCRYPT_THREADS=n: encrypt in n threads (a busy outbox on a machine with cores to spare). */
const threads = Number(env.WORKER_ENCRYPT_THREADS ?? 0);
const pool = threads > 0 ? new EncryptPool(threads) : null;
const sender = new PushSender(vapidKeysFrom(env), {
	encrypt: pool ? (p256dh, auth, plaintext) => pool.encrypt(p256dh, auth, plaintext) : undefined
});
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		stopping = true;
	});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
	console.error(`worker: sending push from ${url}`);
	let jobsAt = 0;
	while (!stopping) {
		try {
			if (Date.now() >= jobsAt) {
				const expired = await db.rpc('run_lesson_jobs');
				if (expired.error) throw new Error(`run_lesson_jobs: ${expired.error.message}`);
				jobsAt = Date.now() + JOBS_EVERY_MS;
			}
			const round = await drainOnce(db, sender, options);
			if (round.claimed > 0) {
				console.error(`worker: sent=${round.sent} retried=${round.retried} gone=${round.gone}`);
				continue;
			}
			if (once) break;
		} catch (err) {
			console.error(`worker: ${(err as Error).message}`);
		}
		await sleep(POLL_MS);
	}
	sender.close();
	await pool?.close();
}

await main();
