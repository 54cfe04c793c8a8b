import { describe, expect, it } from 'vitest';
import { pushSubscriptionSchema, reminderSettingsSchema } from './notification-settings';

const base = { remind_24h: true, remind_1h: false, quiet_start: '', quiet_end: '' };

describe('reminder settings', () => {
	it('needs both ends of quiet hours only when they are on', () => {
		expect(reminderSettingsSchema.safeParse({ ...base, quiet_enabled: false }).success).toBe(true);
		const half = reminderSettingsSchema.safeParse({
			...base,
			quiet_enabled: true,
			quiet_start: '21:00'
		});
		expect(half.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['quiet_end', 'push.reminders.quiet_incomplete']
		]);
		const same = { ...base, quiet_enabled: true, quiet_start: '21:00', quiet_end: '21:00' };
		expect(reminderSettingsSchema.safeParse(same).success).toBe(false);
		const fine = { ...base, quiet_enabled: true, quiet_start: '21:00', quiet_end: '07:00' };
		expect(reminderSettingsSchema.safeParse(fine).success).toBe(true);
		expect(reminderSettingsSchema.safeParse({ ...fine, quiet_end: '25:00' }).success).toBe(false);
	});

	it('takes only https push endpoints with keys of a sane size', () => {
		const sub = {
			endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
			keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) }
		};
		expect(pushSubscriptionSchema.safeParse(sub).success).toBe(true);
		expect(pushSubscriptionSchema.safeParse({ ...sub, endpoint: 'http://x.test/' }).success).toBe(
			false
		);
		expect(
			pushSubscriptionSchema.safeParse({ ...sub, keys: { ...sub.keys, auth: 'a<b>' } }).success
		).toBe(false);
	});
});
