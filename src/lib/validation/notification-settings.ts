// The reminders-and-quiet-hours form, and the push subscription a browser hands the server.
import { z } from 'zod';
import { says } from '$lib/forms/messages';

/** `HH:MM` as a time input posts it (browsers without one get a text box with the same rule). */
const clock = z
	.string()
	.trim()
	.refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), says('validation.invalid'));

export const reminderSettingsSchema = z
	.object({
		remind_24h: z.boolean(),
		remind_1h: z.boolean(),
		quiet_enabled: z.boolean(),
		quiet_start: clock,
		quiet_end: clock
	})
	.superRefine((v, ctx) => {
		if (!v.quiet_enabled) return;
		for (const field of ['quiet_start', 'quiet_end'] as const) {
			if (v[field] === '') {
				ctx.addIssue({
					code: 'custom',
					path: [field],
					message: says('push.reminders.quiet_incomplete').error
				});
			}
		}
		if (v.quiet_start !== '' && v.quiet_start === v.quiet_end) {
			ctx.addIssue({
				code: 'custom',
				path: ['quiet_end'],
				message: says('push.reminders.quiet_same').error
			});
		}
	});

const base64url = (min: number, max: number) =>
	z
		.string()
		.min(min)
		.max(max)
		.regex(/^[A-Za-z0-9_-]+=*$/);

/** What `PushSubscription.toJSON()` gives, as the browser posts it. */
export const pushSubscriptionSchema = z.object({
	endpoint: z.url({ protocol: /^https$/ }).max(2000),
	keys: z.object({ p256dh: base64url(16, 200), auth: base64url(8, 100) })
});
