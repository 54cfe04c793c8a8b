// This browser's push subscription for the signed-in person: saved when they turn notifications
// on, again on each visit and by the service worker when the push service renews it
// (`pushsubscriptionchange`); removed when they turn notifications off on this device.
// JSON only: a cross-site page cannot send it without a CORS preflight, which this never answers.
import { error, json } from '@sveltejs/kit';
import * as subscriptions from '$lib/server/db/push-subscriptions';
import { pushSubscriptionSchema } from '$lib/validation/notification-settings';
import type { RequestHandler } from './$types';

async function readSubscription(request: Request) {
	if (!request.headers.get('content-type')?.startsWith('application/json')) error(415);
	const parsed = pushSubscriptionSchema.safeParse(await request.json().catch(() => null));
	if (!parsed.success) error(400, 'invalid subscription');
	return parsed.data;
}

export const POST: RequestHandler = async ({ request, locals }) => {
	if (!locals.user) error(401);
	const sub = await readSubscription(request);
	await subscriptions.save(locals.supabase, {
		endpoint: sub.endpoint,
		p256dh: sub.keys.p256dh,
		auth: sub.keys.auth,
		userAgent: request.headers.get('user-agent')
	});
	return json({ saved: true });
};

export const DELETE: RequestHandler = async ({ request, locals }) => {
	if (!locals.user) error(401);
	const sub = await readSubscription(request);
	await subscriptions.remove(locals.supabase, sub.endpoint);
	return json({ removed: true });
};
