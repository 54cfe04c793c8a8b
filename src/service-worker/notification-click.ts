/// <reference lib="webworker" />
// A tap on a notification opens what it is about (`/lessons/<id>`): an open tab of the app is
// focused and taken there, else a new window opens.

/** Only a path of this site: a notification can never send the person elsewhere. */
export function clickTarget(data: unknown, origin: string): string {
	const url = (data as { url?: unknown } | null)?.url;
	if (typeof url !== 'string' || !/^\/(?![/\\])/.test(url))
		return new URL('/notifications', origin).href;
	return new URL(url, origin).href;
}

async function openOrFocus(sw: ServiceWorkerGlobalScope, target: string): Promise<void> {
	const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
	const same = windows.find((w) => w.url === target);
	if (same) {
		await same.focus();
		return;
	}
	// Only a tab this worker controls can be navigated; any other case opens a new window.
	const controlled = windows.find((w) => 'navigate' in w);
	if (controlled) {
		try {
			await controlled.focus();
			if (await controlled.navigate(target)) return;
		} catch {
			// fall through to a new window
		}
	}
	await sw.clients.openWindow(target);
}

export function listenForNotificationClicks(sw: ServiceWorkerGlobalScope): void {
	sw.addEventListener('notificationclick', (event) => {
		event.notification.close();
		event.waitUntil(openOrFocus(sw, clickTarget(event.notification.data, sw.location.origin)));
	});
}
