// A lesson's 1-hour reminder, end to end in Vietnamese: the person turns notifications on from the
// page that explains them, a lesson is proposed and accepted through the database functions, the
// reminder's payload is built from the outbox row exactly as the worker builds it, delivered to the
// service worker over CDP, shown in Vietnamese with its lesson as the click target, and listed in
// the in-app notifications with the unread count in the header.
import { randomBytes } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { expect, test } from '@playwright/test';
import { DEFAULT_KEYS } from '../../supabase/local/config';
import { completeOnboarding, recordConsents } from './helpers';
import {
	adminClient,
	CLIENT_OPTIONS as options,
	deliverPush,
	dueReminder,
	expectShown,
	testSubscription
} from './push-helpers';

const url = process.env.E2E_SUPABASE_URL ?? '';
const PASSWORD = 'mat-khau-e2e-123';
const admin = adminClient();

async function person(tag: string): Promise<{ id: string; email: string; db: SupabaseClient }> {
	const email = `${tag}-${randomBytes(4).toString('hex')}@example.com`;
	const made = await admin.auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true
	});
	if (!made.data.user) throw new Error(String(made.error?.message));
	await recordConsents(admin, made.data.user.id);
	const db = createClient(url, DEFAULT_KEYS.anonKey, options);
	const signedIn = await db.auth.signInWithPassword({ email, password: PASSWORD });
	if (signedIn.error) throw signedIn.error;
	return { id: made.data.user.id, email, db };
}

function ok<T>(result: { data: T; error: { message: string } | null }): T {
	if (result.error) throw new Error(result.error.message);
	return result.data;
}

test('a lesson reminder reaches the service worker in Vietnamese and the in-app list', async ({
	page,
	context
}) => {
	const learner = await person('push-learner');

	// Sign in with e-mail and password, and finish onboarding as a learner.
	await page.goto('/sign-in?method=email');
	const form = page.locator('form', {
		has: page.getByRole('button', { name: 'Đăng nhập bằng mật khẩu' })
	});
	await form.getByLabel('E-mail').fill(learner.email);
	await form.getByLabel('Mật khẩu').fill(PASSWORD);
	await form.getByRole('button').click();
	await completeOnboarding(page, 'Bà Tư');

	// The page explains what is sent and asks nothing until the button is pressed.
	await page.goto('/settings/notifications');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Thông báo và lời nhắc' })
	).toBeVisible();
	await expect(page.getByText('Lời nhắc 1 giờ trước buổi học.')).toBeVisible();
	await expect(page.locator('[data-push-state="off"]')).toBeVisible();
	expect(await page.evaluate(() => Notification.permission)).toBe('default');

	await context.grantPermissions(['notifications']);
	await page.getByRole('button', { name: 'Bật thông báo trên máy này' }).click();
	// Headless Chromium here has no route to its push service: subscribe() fails, and the page says
	// so honestly. The test then saves a subscription for its own endpoint through the app's
	// endpoint, as the page would have saved the browser's.
	const outcome = page.locator('[data-push-state="on"]').or(page.getByRole('alert'));
	await expect(outcome).toBeVisible({ timeout: 30_000 });
	const subscribedForReal = await page.locator('[data-push-state="on"]').isVisible();
	console.log(`push-reminder: pushManager.subscribe ${subscribedForReal ? 'worked' : 'failed'}`);
	if (!subscribedForReal) {
		await expect(page.getByRole('alert')).toHaveText(
			'Chưa bật được thông báo. Vui lòng thử lại sau.'
		);
		const sub = testSubscription(`https://push.invalid/e2e/${randomBytes(6).toString('hex')}`);
		const saved = await page.request.post('/settings/notifications/subscription', { data: sub });
		expect(saved.status()).toBe(200);
	}
	const devices = ok(
		await admin.from('push_subscriptions').select('id').eq('profile_id', learner.id)
	) as { id: number }[];
	expect(devices).toHaveLength(1);

	// A lesson between two people, through the database functions (a volunteer proposes, she accepts).
	const teacher = await person('push-teacher');
	const { ward_id: ward } = ok(
		await learner.db.from('profiles').select('ward_id').eq('id', learner.id).single()
	) as { ward_id: number };
	ok(
		await admin
			.from('profiles')
			.update({ display_name: 'Anh Khoa', can_teach: true, ward_id: ward })
			.eq('id', teacher.id)
	);
	// Verified by the ward: only such a volunteer may teach at a learner's home.
	ok(await admin.from('volunteer_verifications').insert({ profile_id: teacher.id, ward_id: ward }));
	const skill = ok(
		await admin.from('skills').select('id, title_vi').order('id').limit(1).single()
	) as { id: number; title_vi: string };
	const request = ok(
		await learner.db
			.from('help_requests')
			.insert({ learner_id: learner.id, ward_id: ward, skill_id: skill.id, place_type: 'home' })
			.select('id')
			.single()
	) as { id: number };
	const startsAt = new Date(Date.now() + 2 * 3600_000);
	startsAt.setSeconds(0, 0);
	const sessionId = ok(
		await teacher.db.rpc('propose_lesson', {
			p_request_id: request.id,
			p_starts_at: startsAt.toISOString(),
			p_ends_at: new Date(startsAt.getTime() + 3600_000).toISOString(),
			p_place_type: 'home'
		})
	) as number;
	expect(
		ok(await learner.db.rpc('answer_lesson', { p_session_id: sessionId, p_accept: true }))
	).toBe('accepted');

	// An hour passes: her 1-hour reminder is due. Its payload, built as the worker builds it.
	const reminder = await dueReminder(admin, learner.id, sessionId);
	await deliverPush(page, reminder.payload);
	const shown = await expectShown(page, `n${reminder.id}`);
	expect(shown.title).toBe(`Một giờ nữa bắt đầu: ${skill.title_vi}`);
	expect(shown.body).toMatch(/^Bắt đầu lúc \d\d:\d\d \d\d\/\d\d\/\d{4}\.$/);
	expect(shown.lang).toBe('vi');
	expect(shown.data?.url).toBe(`/lessons/${sessionId}`);

	// Without push, the same notice is in the app: the header counts it, the list shows it.
	await page.goto('/notifications');
	await expect(page.getByRole('link', { name: /^Thông báo \(\d+ chưa đọc\)$/ })).toBeVisible();
	const item = page.locator(`[data-notification="${reminder.id}"]`);
	await expect(item.getByRole('heading')).toContainText(`Một giờ nữa bắt đầu: ${skill.title_vi}`);
	await expect(item.getByRole('link', { name: 'Xem buổi học' })).toHaveAttribute(
		'href',
		`/lessons/${sessionId}`
	);
	await item.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
	await expect(item.getByText('Mới')).toHaveCount(0);
	await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Không có thông báo chưa đọc.' })
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Thông báo', exact: true })).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('reminders and quiet hours are saved, and notices marked read', async ({ page }) => {
		const person_ = await person('push-nojs');
		await page.goto('/sign-in?method=email');
		const form = page.locator('form', {
			has: page.getByRole('button', { name: 'Đăng nhập bằng mật khẩu' })
		});
		await form.getByLabel('E-mail').fill(person_.email);
		await form.getByLabel('Mật khẩu').fill(PASSWORD);
		await form.getByRole('button').click();
		await completeOnboarding(page, 'Chú Năm');

		await page.goto('/settings/notifications');
		await expect(page.getByText('Cần bật JavaScript để nhận thông báo trên máy.')).toBeVisible();
		await page.getByLabel('1 ngày trước').uncheck();
		await page.getByLabel('Không gửi thông báo trong khoảng giờ này').check();
		await page.getByLabel('Từ').fill('');
		await page.getByRole('button', { name: 'Lưu' }).click();
		await expect(page.getByRole('alert')).toContainText('Chọn cả giờ bắt đầu và giờ kết thúc.');
		// What was chosen is kept after the refusal.
		await expect(page.getByLabel('1 ngày trước')).not.toBeChecked();
		await page.getByLabel('Từ').fill('21:30');
		await page.getByLabel('Đến').fill('06:00');
		await page.getByRole('button', { name: 'Lưu' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Đã lưu lời nhắc' })).toBeVisible();
		const saved = ok(
			await admin
				.from('profiles')
				.select('remind_24h, remind_1h, quiet_hours_start, quiet_hours_end')
				.eq('id', person_.id)
				.single()
		);
		expect(saved).toEqual({
			remind_24h: false,
			remind_1h: true,
			quiet_hours_start: '21:30:00',
			quiet_hours_end: '06:00:00'
		});

		ok(
			await admin.from('notifications').insert([
				{ profile_id: person_.id, kind: 'system', title: 'Chào mừng', body: 'Một' },
				{ profile_id: person_.id, kind: 'system', title: 'Tin thứ hai', body: 'Hai' }
			])
		);
		await page.goto('/notifications');
		await expect(page.getByRole('link', { name: 'Thông báo (2 chưa đọc)' })).toBeVisible();
		await page
			.locator('li', { hasText: 'Chào mừng' })
			.getByRole('button', { name: 'Đánh dấu đã đọc' })
			.click();
		await expect(page.getByRole('link', { name: 'Thông báo (1 chưa đọc)' })).toBeVisible();
		await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
		await expect(page.getByText('Không có thông báo chưa đọc.')).toBeVisible();
	});
});
