// The browser side of push: what this device can do, turning it on (asking permission only then,
// never on page load), off, and re-saving the subscription on each visit so the server always
// holds the current one (a push service may replace it; the person may have signed in anew).
import { browser } from '$app/environment';

/** The subscription endpoint of the app (also used by the service worker's push.ts). */
const SUBSCRIPTION_PATH = '/settings/notifications/subscription';
const RENEWED_KEY = 'push-renewed';

export type PushState = 'unsupported' | 'not_configured' | 'denied' | 'off' | 'on';

export function pushSupported(): boolean {
	return (
		browser &&
		'serviceWorker' in navigator &&
		'PushManager' in window &&
		'Notification' in window &&
		window.isSecureContext
	);
}

async function registration(): Promise<ServiceWorkerRegistration | null> {
	return (await navigator.serviceWorker.getRegistration()) ?? null;
}

async function currentSubscription(): Promise<PushSubscription | null> {
	return (await (await registration())?.pushManager.getSubscription()) ?? null;
}

export async function pushState(publicKey: string | null): Promise<PushState> {
	if (!pushSupported()) return 'unsupported';
	if (!publicKey) return 'not_configured';
	if (Notification.permission === 'denied') return 'denied';
	if (Notification.permission !== 'granted') return 'off';
	return (await currentSubscription()) ? 'on' : 'off';
}

async function send(method: 'POST' | 'DELETE', sub: PushSubscription): Promise<void> {
	const res = await fetch(SUBSCRIPTION_PATH, {
		method,
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(sub.toJSON())
	});
	if (!res.ok) throw new Error(`subscription ${method}: ${res.status}`);
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
	const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
	const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
	return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/**
 * Asks permission (this must run from the person's click), subscribes and saves the subscription.
 * Throws when the browser's push service cannot be reached.
 */
export async function turnOn(publicKey: string): Promise<PushState> {
	const permission = await Notification.requestPermission();
	if (permission === 'denied') return 'denied';
	if (permission !== 'granted') return 'off';
	const reg = await navigator.serviceWorker.ready;
	const sub =
		(await reg.pushManager.getSubscription()) ??
		(await reg.pushManager.subscribe({
			userVisibleOnly: true,
			applicationServerKey: keyBytes(publicKey)
		}));
	await send('POST', sub);
	sessionStorage.setItem(RENEWED_KEY, sub.endpoint);
	return 'on';
}

export async function turnOff(): Promise<PushState> {
	const sub = await currentSubscription();
	if (sub) {
		await send('DELETE', sub).catch(() => undefined);
		await sub.unsubscribe();
	}
	sessionStorage.removeItem(RENEWED_KEY);
	return 'off';
}

/** Once per visit (browser session), quietly: never asks anything, never throws. */
export async function renewOnVisit(): Promise<void> {
	try {
		if (!pushSupported() || Notification.permission !== 'granted') return;
		const sub = await currentSubscription();
		if (!sub || sessionStorage.getItem(RENEWED_KEY) === sub.endpoint) return;
		await send('POST', sub);
		sessionStorage.setItem(RENEWED_KEY, sub.endpoint);
	} catch {
		// Offline or signed out: the next visit tries again.
	}
}

/** Sent by the service worker once a push is on screen (SHOWN_MESSAGE in src/service-worker/push.ts). */
const SHOWN_MESSAGE = 'push-shown';

/** Calls `onShown` each time the service worker shows a push; returns the unsubscribe. */
export function listenForShownPushes(onShown: () => void): () => void {
	if (!browser || !('serviceWorker' in navigator)) return () => undefined;
	const container = navigator.serviceWorker;
	const listener = (event: MessageEvent) => {
		if ((event.data as { type?: unknown } | null)?.type === SHOWN_MESSAGE) onShown();
	};
	container.addEventListener('message', listener);
	container.startMessages();
	return () => container.removeEventListener('message', listener);
}
