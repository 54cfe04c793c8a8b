// The push chain for the worker, the cron endpoint and the bench (no SvelteKit imports).
export { PushSender, MAX_PAYLOAD_BYTES, type Subscription, type SendResult } from './sender';
export { VapidSigner, generateVapidKeys, type VapidKeys } from './vapid';
export { vapidKeysFrom, vapidPublicKeyFrom } from './settings';
export { drainOnce, drainAll, type DrainStats } from './outbox';
export { buildPayload, renderNotification, type PushPayload } from './payload';
export { serviceClient } from './service-client';
