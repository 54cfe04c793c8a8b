// For production schedulers (Supabase pg_cron + pg_net, or any cron): runs the lesson jobs and drains
// the push outbox once, with `Authorization: Bearer $CRON_SECRET`. Safe alongside running workers.
import { error, json } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { drainAll, PushSender, serviceClient, vapidKeysFrom } from '$lib/server/push';
import type { RequestHandler } from './$types';

let sender: PushSender | undefined;

function authorised(header: string | null): boolean {
	const secret = env.CRON_SECRET;
	if (!secret || !header) return false;
	const given = Buffer.from(header);
	const wanted = Buffer.from(`Bearer ${secret}`);
	return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export const POST: RequestHandler = async ({ request }) => {
	if (!authorised(request.headers.get('authorization'))) error(401, 'Unauthorized');
	const url = publicEnv.PUBLIC_SUPABASE_URL;
	const key = env.SUPABASE_SERVICE_ROLE_KEY;
	if (!url || !key) error(503, 'Supabase is not configured');
	const db = serviceClient(url, key);
	const expired = await db.rpc('run_lesson_jobs');
	if (expired.error) error(500, 'lesson jobs failed');
	sender ??= new PushSender(vapidKeysFrom(env));
	const stats = await drainAll(db, sender);
	return json({ expired: expired.data, ...stats });
};
