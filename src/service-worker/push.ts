/// <reference lib="webworker" />
// Shows a push as the server wrote it: title and body are already in the person's language
// (src/lib/server/push/payload.ts renders them from the notice's message keys), with the link to
// open. Also re-saves the subscription when the push service replaces it.

/** What the server sends (PushPayload in src/lib/server/push/payload.ts). */
export interface ShownPayload {
	title: string;
	body: string;
	url: string;
	tag: string;
	lang: string;
}

/** The message each open window of the app gets once a push is on screen (src/lib/push/client.ts). */
export const SHOWN_MESSAGE = 'push-shown';

/** The subscription endpoint of the app (src/routes/(app)/settings/notifications/subscription). */
export const SUBSCRIPTION_PATH = '/settings/notifications/subscription';

/** A payload we cannot read still shows something: a push must be visible (userVisibleOnly). */
const FALLBACK: ShownPayload = {
	title: 'Bình dân học vụ số',
	body: 'Bạn có thông báo mới. / You have a new notification.',
	url: '/notifications',
	tag: 'fallback',
	lang: 'vi'
};

export function readPayload(text: string | null | undefined): ShownPayload {
	if (!text) return FALLBACK;
	try {
		const data = JSON.parse(text) as Partial<ShownPayload>;
		if (typeof data.title !== 'string' || !data.title) return FALLBACK;
		return {
			title: data.title,
			body: typeof data.body === 'string' ? data.body : '',
			url: typeof data.url === 'string' ? data.url : FALLBACK.url,
			tag: typeof data.tag === 'string' ? data.tag : FALLBACK.tag,
			lang: data.lang === 'en' ? 'en' : 'vi'
		};
	} catch {
		return FALLBACK;
	}
}

/** Not yet in TypeScript's webworker lib. */
interface PushSubscriptionChangeEvent extends ExtendableEvent {
	readonly newSubscription: PushSubscription | null;
	readonly oldSubscription: PushSubscription | null;
}

export async function saveSubscription(sub: PushSubscription): Promise<void> {
	await fetch(SUBSCRIPTION_PATH, {
		method: 'POST',
		credentials: 'same-origin',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(sub.toJSON())
	});
}

async function renew(sw: ServiceWorkerGlobalScope, event: PushSubscriptionChangeEvent) {
	const key = event.oldSubscription?.options.applicationServerKey;
	const sub =
		event.newSubscription ??
		(key
			? await sw.registration.pushManager.subscribe({
					userVisibleOnly: true,
					applicationServerKey: key
				})
			: null);
	// Signed out by then? The next visit's renewal saves it (src/lib/push/client.ts).
	if (sub) await saveSubscription(sub);
}

/**
 * Shows the push, then tells the app's open windows, which refresh their unread count. Told only
 * once `showNotification` has settled: until then the browser holds the notice in its database but
 * not yet on screen, and a `getNotifications()` call in that gap makes Chromium drop it from the
 * database as closed (it stays on screen, but its click no longer reaches this worker). A page
 * that reads the list waits for this message first (tests/e2e/push-helpers.ts does).
 */
async function show(sw: ServiceWorkerGlobalScope, payload: ShownPayload): Promise<void> {
	await sw.registration.showNotification(payload.title, {
		body: payload.body,
		tag: payload.tag,
		lang: payload.lang,
		icon: '/icon-192.png',
		badge: '/icon-192.png',
		data: { url: payload.url }
	});
	const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
	for (const w of windows) w.postMessage({ type: SHOWN_MESSAGE, tag: payload.tag });
}

export function listenForPush(sw: ServiceWorkerGlobalScope): void {
	sw.addEventListener('push', (event) => {
		event.waitUntil(show(sw, readPayload(event.data?.text())));
	});

	sw.addEventListener('pushsubscriptionchange', (event) => {
		const change = event as PushSubscriptionChangeEvent;
		change.waitUntil(renew(sw, change).catch(() => undefined));
	});
}
