/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The app's service worker, one small file per job: the app shell for slow connections (cache.ts),
// showing a push (push.ts), opening the lesson it is about (notification-click.ts), and keeping the
// push subscription saved when the push service renews it (push.ts).
import { listenForCache } from './cache';
import { listenForNotificationClicks } from './notification-click';
import { listenForPush } from './push';

const sw = self as unknown as ServiceWorkerGlobalScope;

listenForCache(sw);
listenForPush(sw);
listenForNotificationClicks(sw);
