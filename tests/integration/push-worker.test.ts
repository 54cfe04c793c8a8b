// The outbox end to end: notices in the database, claimed by `npm run worker` (the real process),
// sent through the real sender to the local push service, which decrypts them. Two workers never send
// one notice twice; a worker killed mid-batch and restarted delivers everything, once per device
// mailbox (a re-send of a message in flight carries the same Topic and replaces it, RFC 8030 §5.4).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainOnce } from '../../src/lib/server/push/outbox';
import { PushSender } from '../../src/lib/server/push/sender';
import { vapidKeysFrom } from '../../src/lib/server/push/settings';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import { startPushService, type PushService, type TestDevice } from '../push/push-service';
import { BOOT_TIMEOUT, clientFor, only, recordConsent, rows } from './helpers';

let server: TestSupabase;
let admin: SupabaseClient;
let service: PushService;
let keysDir: string;
const workers: ChildProcess[] = [];
/** What the workers printed, shown when a test fails. */
let workerLog = '';

async function person(n: string, locale = 'vi'): Promise<string> {
	const created = await admin.auth.admin.createUser({
		email: `push-${n}@example.test`,
		password: 'mat-khau-rat-dai-123',
		email_confirm: true
	});
	const id = created.data.user?.id;
	if (!id) throw new Error(String(created.error?.message));
	only(await admin.from('profiles').update({ locale, display_name: n }).eq('id', id).select('id'));
	await recordConsent(admin, id);
	return id;
}

async function subscribe(profileId: string, device: TestDevice): Promise<number> {
	const { endpoint, p256dh, auth } = device;
	return only<{ id: number }>(
		await admin
			.from('push_subscriptions')
			.insert({ profile_id: profileId, endpoint, p256dh, auth })
			.select('id')
	).id;
}

async function notices(profileId: string, count: number, tag: string): Promise<number[]> {
	const inserted = rows<{ id: number }>(
		await admin
			.from('notifications')
			.insert(
				Array.from({ length: count }, (_, i) => ({
					profile_id: profileId,
					kind: 'system',
					title: `${tag} ${i}`,
					body: 'Xin chào'
				}))
			)
			.select('id')
	);
	return inserted.map((r) => r.id);
}

function startWorker(extra: Record<string, string> = {}): ChildProcess {
	const child = spawn(process.execPath, ['--import', 'tsx', 'worker/index.ts'], {
		env: {
			...process.env,
			PUBLIC_SUPABASE_URL: server.url,
			SUPABASE_SERVICE_ROLE_KEY: server.serviceRoleKey,
			NODE_EXTRA_CA_CERTS: service.caFile,
			VAPID_KEYS_FILE: join(keysDir, 'vapid.json'),
			WORKER_POLL_MS: '100',
			...extra
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	child.stderr?.on('data', (c: Buffer) => (workerLog += c.toString()));
	workers.push(child);
	return child;
}

async function until(what: () => Promise<boolean> | boolean, ms = 100_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!(await what())) {
		if (workers.length > 0 && workers.every((w) => w.exitCode !== null)) {
			throw new Error(`every worker stopped:\n${workerLog}`);
		}
		if (Date.now() > deadline) throw new Error(`timed out; workers said:\n${workerLog}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

async function unsent(ids: number[]): Promise<number> {
	const res = await admin
		.from('notifications')
		.select('id', { count: 'exact', head: true })
		.in('id', ids)
		.is('push_sent_at', null);
	return res.count ?? -1;
}

function topicsIn(device: TestDevice): string[] {
	return [...(service.mailbox.get(device.id)?.keys() ?? [])].sort();
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	service = await startPushService({ delayMs: 15 });
	keysDir = mkdtempSync(join(tmpdir(), 'vapid-'));
}, BOOT_TIMEOUT);

afterAll(async () => {
	for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
	await service?.close();
	await server?.stop();
	rmSync(keysDir, { recursive: true, force: true });
});

describe('the outbox', () => {
	it('sends in the reader’s language, prunes gone devices and retries refusals later', async () => {
		const sender = new PushSender(vapidKeysFrom({ VAPID_KEYS_FILE: join(keysDir, 'vapid.json') }), {
			ca: service.ca
		});
		const [vi, en] = [await person('chi-lan', 'vi'), await person('john', 'en')];
		const [d1, d2, gone, busy] = [
			service.device(),
			service.device(),
			service.device(),
			service.device()
		];
		await subscribe(vi, d1);
		await subscribe(en, d2);
		const goneId = await subscribe(en, gone);
		const other = await person('busy');
		await subscribe(other, busy);
		service.behave(gone.id, { status: 410 });
		service.behave(busy.id, { status: 500 });
		const params = {
			skill_vi: 'Thanh toán VietQR',
			skill_en: 'Pay with VietQR',
			starts_at: '2026-12-01T02:00:00Z'
		};
		const row = (profile_id: string) => ({
			profile_id,
			kind: 'reminder_1h',
			title: 'notify.reminder_1h.title',
			body: 'notify.reminder_1h.body',
			url: '/lessons/1',
			params
		});
		const ids = rows<{ id: number }>(
			await admin
				.from('notifications')
				.insert([row(vi), row(en), row(other)])
				.select('id')
		).map((r) => r.id);

		const stats = await drainOnce(admin, sender);
		expect(stats).toMatchObject({ claimed: 3, sent: 2, retried: 1, gone: 1 });
		const payloads = service.received.map(
			(r) => JSON.parse(r.payload) as { title: string; body: string }
		);
		expect(payloads.map((p) => p.title).sort()).toEqual([
			'Lesson in one hour: Pay with VietQR',
			'Một giờ nữa bắt đầu: Thanh toán VietQR'
		]);
		expect(payloads.find((p) => p.title.startsWith('Một'))?.body).toBe(
			'Bắt đầu lúc 09:00 01/12/2026.'
		);
		expect(rows(await admin.from('push_subscriptions').select('id').eq('id', goneId))).toEqual([]);
		const retried = only<{
			push_sent_at: string | null;
			send_after: string;
			push_attempts: number;
		}>(
			await admin
				.from('notifications')
				.select('push_sent_at, send_after, push_attempts')
				.eq('id', ids[2] ?? 0)
		);
		expect(retried.push_sent_at).toBeNull();
		expect(Date.parse(retried.send_after)).toBeGreaterThan(Date.now() + 20_000);
		expect((await drainOnce(admin, sender)).claimed).toBe(0);
		sender.close();
	});

	it('a notice one device took and another did not is retried for that device only', async () => {
		const sender = new PushSender(vapidKeysFrom({ VAPID_KEYS_FILE: join(keysDir, 'vapid.json') }), {
			ca: service.ca
		});
		const who = await person('two-phones');
		const [laptop, phone] = [service.device(), service.device()];
		await subscribe(who, laptop);
		await subscribe(who, phone);
		service.behave(phone.id, { status: 503, times: 1 });
		const [id = 0] = await notices(who, 1, 'two-phones');
		const postsTo = (d: TestDevice) => service.received.filter((r) => r.device === d.id).length;

		expect(await drainOnce(admin, sender)).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
		expect([postsTo(laptop), postsTo(phone)]).toEqual([1, 0]);
		expect(await unsent([id])).toBe(1);

		// The back-off has passed (made so, rather than waited for).
		only(
			await admin
				.from('notifications')
				.update({ send_after: new Date(Date.now() - 1000).toISOString() })
				.eq('id', id)
				.select('id')
		);
		expect(await drainOnce(admin, sender)).toMatchObject({ claimed: 1, sent: 1, retried: 0 });
		expect([postsTo(laptop), postsTo(phone)]).toEqual([1, 1]);
		expect(topicsIn(phone)).toEqual([`n${id}`]);
		const settled = only<{ push_outcome: string | null }>(
			await admin.from('notifications').select('push_outcome').eq('id', id)
		);
		expect(settled.push_outcome).toBe('sent');
		sender.close();
	});

	it('two workers at once (one encrypting in a thread) send every notice exactly once', async () => {
		const devices = Array.from({ length: 4 }, () => service.device());
		const ids: number[] = [];
		for (const [i, d] of devices.entries()) {
			const p = await person(`pair-${i}`);
			await subscribe(p, d);
			ids.push(...(await notices(p, 30, `pair-${i}`)));
		}
		const before = service.received.length;
		startWorker({ WORKER_BATCH: '20' });
		startWorker({ WORKER_BATCH: '20', WORKER_ENCRYPT_THREADS: '1' });
		await until(async () => (await unsent(ids)) === 0);
		const mine = service.received
			.slice(before)
			.filter((r) => devices.some((d) => d.id === r.device));
		expect(mine).toHaveLength(120);
		expect(new Set(mine.map((r) => `${r.device}/${r.topic}`)).size).toBe(120);
		for (const w of workers.splice(0)) w.kill('SIGTERM');
	}, 120_000);

	it('a worker killed mid-batch and restarted delivers everything, once per mailbox', async () => {
		const devices = Array.from({ length: 4 }, () => service.device());
		const ids: number[] = [];
		for (const [i, d] of devices.entries()) {
			const p = await person(`kill-${i}`);
			await subscribe(p, d);
			ids.push(...(await notices(p, 50, `kill-${i}`)));
		}
		const mine = () => service.received.filter((r) => devices.some((d) => d.id === r.device));
		const first = startWorker({
			WORKER_BATCH: '100',
			WORKER_LEASE_SECONDS: '3',
			WORKER_CONCURRENCY: '4'
		});
		await until(() => mine().length >= 40);
		first.kill('SIGKILL');
		const atKill = mine().length;
		expect(atKill).toBeLessThan(200);
		startWorker({ WORKER_BATCH: '100', WORKER_LEASE_SECONDS: '3' });
		await until(async () => (await unsent(ids)) === 0);
		for (const w of workers.splice(0)) w.kill('SIGTERM');

		// None lost: every notice reached its device...
		const expected = (d: TestDevice, i: number) =>
			ids
				.slice(i * 50, i * 50 + 50)
				.map((id) => `n${id}`)
				.sort();
		devices.forEach((d, i) => expect(topicsIn(d)).toEqual(expected(d, i)));
		// ...and what the person sees holds each once (a message in flight at the kill may have been
		// posted again under its Topic, which replaces it).
		const posted = mine().length;
		// At most the notices in flight (4) and those done but not yet settled (16) are posted again.
		expect(posted - 200).toBeLessThanOrEqual(20);
		const outcomes = rows<{ push_outcome: string }>(
			await admin.from('notifications').select('push_outcome').in('id', ids)
		);
		expect(outcomes.every((o) => o.push_outcome === 'sent')).toBe(true);
		console.log(`kill test: posted=${posted} for 200 notices, ${atKill} before the kill`);
	}, 120_000);
});
