// The signed-in person's in-app notifications (RLS: their own rows; they may only set `read_at`).
// Relative imports only: a plain Node process (the worker) has no SvelteKit aliases.
import type { Supabase } from '../../types/db';
import { check, checkList } from './errors';

export interface NotificationRow {
	id: number;
	kind: string;
	locale: string | null;
	title: string;
	body: string;
	url: string | null;
	params: Record<string, unknown> | null;
	session_id: number | null;
	created_at: string;
	read_at: string | null;
}

const COLUMNS = 'id, kind, title, body, url, params, session_id, created_at, read_at';

/** The newest first; a reminder planned for later appears when it is due, as its push would. */
export async function listMine(supabase: Supabase, limit = 50): Promise<NotificationRow[]> {
	const rows = checkList(
		'notifications.listMine',
		await supabase
			.from('notifications')
			.select(COLUMNS)
			.lte('send_after', new Date().toISOString())
			.order('created_at', { ascending: false })
			.order('id', { ascending: false })
			.limit(limit)
	);
	return rows.map((r) => ({
		...r,
		locale: null,
		params: (r.params as Record<string, unknown> | null) ?? null
	}));
}

/** For the header on every page: one HEAD count, answered from the partial unread index. */
export async function unreadCount(supabase: Supabase): Promise<number> {
	const res = await supabase
		.from('notifications')
		.select('id', { count: 'exact', head: true })
		.is('read_at', null)
		.lte('send_after', new Date().toISOString());
	check('notifications.unreadCount', { data: null, error: res.error });
	return res.count ?? 0;
}

export async function markRead(supabase: Supabase, id: number): Promise<void> {
	check(
		'notifications.markRead',
		await supabase
			.from('notifications')
			.update({ read_at: new Date().toISOString() })
			.eq('id', id)
			.is('read_at', null)
	);
}

export async function markAllRead(supabase: Supabase): Promise<void> {
	check(
		'notifications.markAllRead',
		await supabase
			.from('notifications')
			.update({ read_at: new Date().toISOString() })
			.is('read_at', null)
	);
}
