// This browser's Web Push subscription, saved for the signed-in person (the last person to subscribe
// on a shared phone owns its endpoint: public.save_push_subscription).
import type { Supabase } from '../../types/db';
import { check } from './errors';

export interface BrowserSubscription {
	endpoint: string;
	p256dh: string;
	auth: string;
	userAgent?: string | null;
}

export async function save(supabase: Supabase, sub: BrowserSubscription): Promise<void> {
	check(
		'pushSubscriptions.save',
		await supabase.rpc('save_push_subscription', {
			p_endpoint: sub.endpoint,
			p_p256dh: sub.p256dh,
			p_auth: sub.auth,
			p_user_agent: sub.userAgent?.slice(0, 500) ?? undefined
		})
	);
}

/** RLS limits this to the person's own row. */
export async function remove(supabase: Supabase, endpoint: string): Promise<void> {
	check(
		'pushSubscriptions.remove',
		await supabase.from('push_subscriptions').delete().eq('endpoint', endpoint)
	);
}
