/// <reference lib="webworker" />
// Caches the app shell (built JS/CSS, static files) so the app opens on a slow or lost connection.
// Pages and data are personal (signed-in HTML, form answers, the Supabase API) and always come from
// the network, never from a cache another person on a shared phone could see; offline, a bilingual
// page says so.
import { build, files, version } from '$service-worker';

const CACHE = `shell-${version}`;
const SHELL = new Set([...build, ...files]);
const OFFLINE = '/offline.html';

export function listenForCache(sw: ServiceWorkerGlobalScope): void {
	sw.addEventListener('install', (event) => {
		event.waitUntil(
			caches
				.open(CACHE)
				.then((cache) => cache.addAll([...SHELL]))
				.then(() => sw.skipWaiting())
		);
	});

	sw.addEventListener('activate', (event) => {
		event.waitUntil(
			caches
				.keys()
				.then((keys) =>
					Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key)))
				)
				.then(() => sw.clients.claim())
		);
	});

	sw.addEventListener('fetch', (event) => {
		const request = event.request;
		if (request.method !== 'GET') return;
		const url = new URL(request.url);
		if (url.origin !== sw.location.origin) return;

		// Built files carry a hash in their name and static files change only with a new version.
		if (SHELL.has(url.pathname)) {
			event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(request)));
			return;
		}
		if (request.mode === 'navigate') {
			event.respondWith(
				fetch(request).catch(async () => (await caches.match(OFFLINE)) ?? Response.error())
			);
		}
	});
}
