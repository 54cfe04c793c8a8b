// Web push in Chromium without a push service: the test plays the push service's part and hands
// the payload to the page's service worker through the DevTools protocol, then reads what the
// worker showed. Reusable by any spec (the lesson journey uses it too).
import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { expect, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { DEFAULT_KEYS } from '../../supabase/local/config';

export const CLIENT_OPTIONS = {
	auth: { persistSession: false, autoRefreshToken: false },
	realtime: { transport: WebSocket as never }
};

/** The service role on the e2e server's local Supabase: what the worker itself would use. */
export function adminClient(): SupabaseClient {
	return createClient(
		process.env.E2E_SUPABASE_URL ?? '',
		DEFAULT_KEYS.serviceRoleKey,
		CLIENT_OPTIONS
	);
}

/**
 * The person's 1-hour reminder of a lesson, made due now (as if the hour had come), and the
 * payload the worker would send for it.
 */
export async function dueReminder(admin: SupabaseClient, profileId: string, sessionId: number) {
	const { data, error } = await admin
		.from('notifications')
		.update({ send_after: new Date().toISOString() })
		.eq('profile_id', profileId)
		.eq('session_id', sessionId)
		.eq('kind', 'reminder_1h')
		.select('id, kind, title, body, url, params, session_id')
		.single();
	if (error) throw new Error(error.message);
	const row = data as Omit<OutboxRow, 'locale'>;
	return { id: row.id, payload: workerPayload({ ...row, locale: 'vi' }) };
}

export interface ShownNotification {
	title: string;
	body: string;
	lang: string;
	tag: string;
	data: { url?: string } | null;
}

/**
 * Delivers `payload` (the JSON the server's sender would encrypt: `workerPayload` below) to the
 * page's service worker as a push message, and waits until the worker says it is on screen. The
 * page's origin must have the `notifications` permission (`context.grantPermissions`).
 *
 * Why wait for the worker's word before reading `getNotifications()`: Chromium writes a notice to
 * its database, then puts it on screen; a `getNotifications()` that runs in between finds it in the
 * database but not on screen, takes it for closed and deletes it, so no later call lists it (the
 * flake of session 5: polling right after the delivery lost the notice about 1 run in 7, and 11 in
 * 20 when the page read the list in a loop). The worker tells its windows once `showNotification`
 * has settled (SHOWN_MESSAGE in src/service-worker/push.ts); only then is the list read.
 */
export async function deliverPush(page: Page, payload: string): Promise<void> {
	const tag = (JSON.parse(payload) as { tag: string }).tag;
	const origin = new URL(page.url()).origin;
	await page.evaluate(async () => {
		const w = window as unknown as { shownPushTags?: string[] };
		if (!w.shownPushTags) {
			w.shownPushTags = [];
			navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
				const data = event.data as { type?: string; tag?: string } | null;
				if (data?.type === 'push-shown' && data.tag) w.shownPushTags?.push(data.tag);
			});
			navigator.serviceWorker.startMessages();
		}
		await navigator.serviceWorker.ready;
	});
	// The protocol lists the service workers of every browser context (another phone of the same
	// test has one for the same origin too), so the registration is found through the running
	// worker's target, which names its context.
	const cdp = await page.context().newCDPSession(page);
	const { targetInfo } = await cdp.send('Target.getTargetInfo');
	const registrationOf = new Map<string, string>();
	cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
		for (const v of versions) if (v.targetId) registrationOf.set(v.targetId, v.registrationId);
	});
	await cdp.send('ServiceWorker.enable');
	let registrationId = '';
	await expect
		.poll(
			async () => {
				const { targetInfos } = await cdp.send('Target.getTargets');
				const mine = targetInfos.find(
					(t) =>
						t.type === 'service_worker' &&
						t.browserContextId === targetInfo.browserContextId &&
						t.url.startsWith(origin) &&
						registrationOf.has(t.targetId)
				);
				registrationId = mine ? (registrationOf.get(mine.targetId) ?? '') : '';
				return registrationId;
			},
			{ message: "this phone's running service worker" }
		)
		.not.toBe('');
	await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: payload });
	await cdp.detach();
	// Reads a page variable only: nothing here touches the browser's notification database.
	await expect
		.poll(
			() =>
				page.evaluate(
					(t) => (window as unknown as { shownPushTags?: string[] }).shownPushTags?.includes(t),
					tag
				),
			{ message: `the service worker reports push ${tag} on screen`, timeout: 30_000 }
		)
		.toBe(true);
}

/** What the service worker is showing now (`registration.getNotifications()`). */
export function shownNotifications(page: Page): Promise<ShownNotification[]> {
	return page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		return (await registration.getNotifications()).map((n) => ({
			title: n.title,
			body: n.body,
			lang: n.lang,
			tag: n.tag,
			data: (n.data as { url?: string } | null) ?? null
		}));
	});
}

/**
 * The notice with this tag, as `getNotifications()` lists it. Call after `deliverPush` has returned
 * (never while a push is being shown: see there).
 */
export async function expectShown(page: Page, tag: string): Promise<ShownNotification> {
	// One read: the worker has already said the notice is on screen, so it must be listed now.
	const all = await shownNotifications(page);
	const shown = all.find((n) => n.tag === tag);
	expect(shown, `notification ${tag} among [${all.map((n) => n.tag).join(', ')}]`).toBeDefined();
	return shown as ShownNotification;
}

/**
 * A subscription as a browser would make one (P-256 key, 16-byte auth secret) for an endpoint the
 * test owns: headless Chromium here cannot reach a real push service to subscribe.
 */
export function testSubscription(endpoint: string) {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	return {
		endpoint,
		keys: {
			p256dh: ecdh.getPublicKey().toString('base64url'),
			auth: randomBytes(16).toString('base64url')
		}
	};
}

/** The notice fields the worker reads from its claim (see OutboxNotification in payload.ts). */
export interface OutboxRow {
	id: number;
	locale: string;
	kind: string;
	title: string;
	body: string;
	url: string | null;
	params: Record<string, unknown> | null;
	session_id: number | null;
}

/** The payload the worker builds for an outbox row: the same code (`buildPayload`), run by tsx. */
export function workerPayload(row: OutboxRow): string {
	return execFileSync(
		process.execPath,
		['--import', 'tsx', 'tests/e2e/build-payload.ts', JSON.stringify(row)],
		{ encoding: 'utf8' }
	);
}
