// The push sender against a real HTTP/2 push service that verifies the VAPID JWT and decrypts every
// payload (aes128gcm) with keys this test generated: what arrives, what 404/410/429/5xx do, and that
// the JWT is signed once per push-service origin instead of once per message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncryptPool } from '../../src/lib/server/push/encrypt-pool';
import { buildPayload } from '../../src/lib/server/push/payload';
import { MAX_PAYLOAD_BYTES, PushSender, retryAfterSeconds } from '../../src/lib/server/push/sender';
import { generateVapidKeys } from '../../src/lib/server/push/vapid';
import { startPushService, type PushService } from '../push/push-service';

let service: PushService;
let sender: PushSender;
const opts = { ttl: 3600, urgency: 'high' as const, topic: 'n1' };

beforeAll(async () => {
	service = await startPushService();
	sender = new PushSender(generateVapidKeys('mailto:test@example.test'), { ca: service.ca });
});

afterAll(async () => {
	sender.close();
	await service.close();
});

describe('sending', () => {
	it('delivers an encrypted payload the device can decrypt, with TTL, Urgency and Topic', async () => {
		const device = service.device();
		const result = await sender.send(device, '{"hello":"xin chào"}', opts);
		expect(result).toEqual({ kind: 'sent', status: 201 });
		expect(service.rejected).toEqual([]);
		const [got] = service.received.filter((r) => r.device === device.id);
		expect(got).toEqual({
			device: device.id,
			topic: 'n1',
			urgency: 'high',
			ttl: 3600,
			payload: '{"hello":"xin chào"}'
		});
	});

	it('encrypting in worker threads gives messages the device decrypts, each with its own key', async () => {
		const pool = new EncryptPool(2);
		const threaded = new PushSender(generateVapidKeys('mailto:test@example.test'), {
			ca: service.ca,
			encrypt: (p256dh, auth, plaintext) => pool.encrypt(p256dh, auth, plaintext)
		});
		try {
			const devices = Array.from({ length: 40 }, () => service.device());
			const results = await Promise.all(
				devices.map((d, i) => threaded.send(d, `{"n":${i},"text":"xin chào"}`, opts))
			);
			expect(results.every((r) => r.kind === 'sent')).toBe(true);
			expect(service.rejected).toEqual([]);
			devices.forEach((d, i) => {
				const got = service.received.filter((r) => r.device === d.id);
				expect(got.map((r) => r.payload)).toEqual([`{"n":${i},"text":"xin chào"}`]);
			});
			// The ephemeral public key (bytes 21-86 of the body) is new for every message.
			const keys = new Set<string>();
			const device = devices[0]!;
			for (let i = 0; i < 20; i++) {
				const body = await pool.encrypt(
					Buffer.from(device.p256dh, 'base64url'),
					device.authSecret,
					Buffer.from('x')
				);
				keys.add(body.subarray(21, 86).toString('hex'));
			}
			expect(keys.size).toBe(20);
		} finally {
			threaded.close();
			await pool.close();
		}
	});

	it('signs the VAPID JWT once per push-service origin, not once per message', async () => {
		const before = sender.vapid.signatures;
		const devices = Array.from({ length: 40 }, () => service.device());
		const results = await Promise.all(devices.map((d, i) => sender.send(d, `m${i}`, opts)));
		expect(results.every((r) => r.kind === 'sent')).toBe(true);
		expect(sender.vapid.signatures - before).toBe(0);
		expect(sender.vapid.signatures).toBe(1);
		expect(service.rejected).toEqual([]);
	});

	it('re-signs shortly before the JWT expires', () => {
		const fresh = new PushSender(generateVapidKeys('mailto:test@example.test'));
		const now = Date.now();
		const first = fresh.vapid.header(service.origin + '/push/x', now);
		expect(fresh.vapid.header(service.origin + '/push/y', now + 11 * 3600_000)).toBe(first);
		expect(fresh.vapid.header(service.origin + '/push/y', now + 12 * 3600_000 - 60_000)).not.toBe(
			first
		);
		expect(fresh.vapid.signatures).toBe(2);
		fresh.close();
	});

	it('keeps every payload within one aes128gcm record', async () => {
		const json = buildPayload({
			id: 7,
			locale: 'vi',
			kind: 'system',
			title: 'Tiêu đề',
			body: 'ư'.repeat(5000),
			url: '/lessons/7',
			params: null,
			session_id: null
		});
		expect(Buffer.byteLength(json)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
		expect(JSON.parse(json)).toMatchObject({
			id: 7,
			title: 'Tiêu đề',
			url: '/lessons/7',
			tag: 'n7'
		});
		const device = service.device();
		expect(await sender.send(device, json, opts)).toEqual({ kind: 'sent', status: 201 });
		expect(await sender.send(device, 'x'.repeat(MAX_PAYLOAD_BYTES + 1), opts)).toMatchObject({
			kind: 'failed'
		});
	});
});

describe('what the push service answers', () => {
	it('404 and 410 mean the subscription is gone', async () => {
		const [a, b] = [service.device(), service.device()];
		service.behave(a.id, { status: 404 });
		service.behave(b.id, { status: 410 });
		expect(await sender.send(a, 'x', opts)).toEqual({ kind: 'gone', status: 404 });
		expect(await sender.send(b, 'x', opts)).toEqual({ kind: 'gone', status: 410 });
	});

	it('a 5xx is tried again later', async () => {
		const device = service.device();
		service.behave(device.id, { status: 503, times: 1 });
		expect(await sender.send(device, 'x', opts)).toEqual({
			kind: 'retry',
			status: 503,
			afterSeconds: 0
		});
		expect(await sender.send(device, 'x', opts)).toEqual({ kind: 'sent', status: 201 });
	});

	it('429 Retry-After pauses that push service until then', async () => {
		const own = await startPushService();
		const paused = new PushSender(generateVapidKeys('mailto:test@example.test'), {
			ca: own.ca
		});
		const [a, b] = [own.device(), own.device()];
		own.behave(a.id, { status: 429, retryAfter: '120', times: 1 });
		expect(await paused.send(a, 'x', opts)).toEqual({
			kind: 'retry',
			status: 429,
			afterSeconds: 120
		});
		const next = await paused.send(b, 'x', opts);
		expect(next.kind).toBe('retry');
		expect(own.received).toHaveLength(0);
		expect(own.answered.get(429)).toBe(1);
		expect([...own.answered.values()].reduce((x, y) => x + y, 0)).toBe(1);
		paused.close();
		await own.close();
	});

	it('speaks HTTP/2: many messages in flight share one connection', async () => {
		const own = await startPushService();
		const h2 = new PushSender(generateVapidKeys('mailto:test@example.test'), { ca: own.ca });
		const devices = Array.from({ length: 30 }, () => own.device());
		const results = await Promise.all(devices.map((d) => h2.send(d, 'x', opts)));
		expect(results.every((r) => r.kind === 'sent')).toBe(true);
		expect(own.httpVersions.get('2.0')).toBe(30);
		expect(own.connections()).toBe(1);
		h2.close();
		await own.close();
	});

	it('falls back to HTTPS/1.1 for a push service that does not offer HTTP/2', async () => {
		const own = await startPushService({ http1Only: true });
		const h1 = new PushSender(generateVapidKeys('mailto:test@example.test'), { ca: own.ca });
		const devices = Array.from({ length: 5 }, () => own.device());
		for (const d of devices)
			expect(await h1.send(d, `m-${d.id}`, opts)).toEqual({ kind: 'sent', status: 201 });
		expect(own.httpVersions.get('1.1')).toBe(5);
		expect(own.rejected).toEqual([]);
		expect(own.received.map((r) => r.payload)).toEqual(devices.map((d) => `m-${d.id}`));
		h1.close();
		await own.close();
	});

	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(retryAfterSeconds('30')).toBe(30);
		const now = Date.parse('2026-11-29T10:00:00Z');
		expect(retryAfterSeconds('Sun, 29 Nov 2026 10:02:00 GMT', now)).toBe(120);
		expect(retryAfterSeconds(undefined)).toBeNull();
	});
});
