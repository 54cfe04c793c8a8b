import { env } from '$env/dynamic/private';
import { acceptForm, loadForm, readForm, rejectForm } from '$lib/forms/server';
import * as settings from '$lib/server/db/notification-settings';
import { vapidPublicKeyFrom } from '$lib/server/push/settings';
import { reminderSettingsSchema } from '$lib/validation/notification-settings';
import type { Actions, PageServerLoad } from './$types';

// Read once per process: the key pair only changes with a restart (or a new VAPID_* setting).
let publicKey: string | null | undefined;

export const load = (async (event) => {
	const { userId } = await event.parent();
	const saved = await settings.get(event.locals.supabase, userId);
	publicKey ??= vapidPublicKeyFrom(env);
	return {
		form: await loadForm(event, reminderSettingsSchema, {
			id: 'reminders',
			data: {
				remind_24h: saved.remind_24h,
				remind_1h: saved.remind_1h,
				quiet_enabled: saved.quiet_start !== null,
				quiet_start: saved.quiet_start ?? '21:00',
				quiet_end: saved.quiet_end ?? '07:00'
			}
		}),
		/** What the browser subscribes with; null when the server cannot send push. */
		vapidPublicKey: publicKey
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await readForm(event, reminderSettingsSchema, 'reminders');
		if (!form.valid) return rejectForm(event, form);
		const { remind_24h, remind_1h, quiet_enabled, quiet_start, quiet_end } = form.data;
		await settings.save(event.locals.supabase, {
			remind_24h,
			remind_1h,
			quiet_start: quiet_enabled ? quiet_start : null,
			quiet_end: quiet_enabled ? quiet_end : null
		});
		return acceptForm(event, form, { key: 'push.reminders.saved', tone: 'ok' });
	}
} satisfies Actions;
