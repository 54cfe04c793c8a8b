// A person's reminders (24 h, 1 h) and quiet hours: read from their profile, saved through
// public.save_notification_settings, which also re-plans their pending reminders in one transaction.
import type { Supabase } from '../../types/db';
import { check } from './errors';

export interface ReminderSettings {
	remind_24h: boolean;
	remind_1h: boolean;
	/** `HH:MM` Vietnam time, both null when there are no quiet hours. */
	quiet_start: string | null;
	quiet_end: string | null;
}

const hhmm = (t: string | null) => (t ? t.slice(0, 5) : null);

export async function get(supabase: Supabase, id: string): Promise<ReminderSettings> {
	const row = check(
		'notificationSettings.get',
		await supabase
			.from('profiles')
			.select('remind_24h, remind_1h, quiet_hours_start, quiet_hours_end')
			.eq('id', id)
			.single()
	);
	if (!row) throw new Error('notificationSettings.get: no profile');
	return {
		remind_24h: row.remind_24h,
		remind_1h: row.remind_1h,
		quiet_start: hhmm(row.quiet_hours_start),
		quiet_end: hhmm(row.quiet_hours_end)
	};
}

export async function save(supabase: Supabase, settings: ReminderSettings): Promise<void> {
	check(
		'notificationSettings.save',
		await supabase.rpc('save_notification_settings', {
			p_remind_24h: settings.remind_24h,
			p_remind_1h: settings.remind_1h,
			p_quiet_start: settings.quiet_start ?? undefined,
			p_quiet_end: settings.quiet_end ?? undefined
		})
	);
}
