import { expect, test, type Browser } from '@playwright/test';
import type { SupabaseClient } from '@supabase/supabase-js';
import { adminClient } from './push-helpers';
import { recordConsents } from './helpers';

// A 14-year-old (born 2012) who ticks "I can teach": the database refuses, and the page says why
// next to the choice, in Vietnamese, keeping what she typed — on the profile page and at
// onboarding, with and without JavaScript; the offer page says it above its form. Never the
// error page.

const TOO_YOUNG = 'Bạn chưa đủ 16 tuổi nên chưa nhận dạy được';

async function child(admin: SupabaseClient, onboarded: boolean) {
	const email = `tre-em-${Date.now()}-${Math.round(Math.random() * 1e6)}@example.com`;
	const created = await admin.auth.admin.createUser({
		email,
		password: 'matkhau123',
		email_confirm: true
	});
	if (created.error || !created.data.user) throw new Error(String(created.error?.message));
	const id = created.data.user.id;
	const { data: ward } = await admin.from('areas').select('id').eq('code', 'HCM-BANCO').single();
	const { error } = await admin
		.from('profiles')
		.update({
			birth_year: 2012,
			...(onboarded
				? {
						display_name: 'Bé Na',
						ward_id: ward?.id,
						wants_to_learn: true,
						onboarded_at: new Date().toISOString()
					}
				: {})
		})
		.eq('id', id);
	if (error) throw new Error(error.message);
	if (onboarded) await recordConsents(admin, id);
	return email;
}

async function signedInPage(browser: Browser, email: string, javaScriptEnabled: boolean) {
	const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
	await page.goto('/sign-in?method=email');
	const form = page.locator('form', {
		has: page.getByRole('button', { name: 'Đăng nhập bằng mật khẩu' })
	});
	await form.getByLabel('E-mail').fill(email);
	await form.getByLabel('Mật khẩu').fill('matkhau123');
	await form.getByRole('button').click();
	await expect(page).not.toHaveURL(/sign-in/);
	return page;
}

for (const javaScriptEnabled of [true, false]) {
	test(`the profile page refuses "can teach" under 16 next to the choice (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
		browser
	}) => {
		test.setTimeout(90_000);
		const page = await signedInPage(browser, await child(adminClient(), true), javaScriptEnabled);
		await page.goto('/profile');
		// Typing before hydration would be reset by it: the ward search appears once it ran.
		if (javaScriptEnabled) await expect(page.getByRole('searchbox')).toBeVisible();
		await page.getByLabel('Tên gọi').fill('Bé Na Nguyễn');
		await page.getByLabel('Tôi có thể dạy').check();
		const saved = page.waitForResponse((r) => r.request().method() === 'POST');
		await page.getByRole('button', { name: 'Lưu', exact: true }).click();
		expect((await saved).status()).toBeLessThan(500);
		await expect(page.locator('#roles-error')).toContainText(TOO_YOUNG);
		await expect(page.getByLabel('Tên gọi')).toHaveValue('Bé Na Nguyễn');
		await expect(page.getByLabel('Tôi có thể dạy')).toBeChecked();
		await expect(page.getByRole('heading', { name: 'Hồ sơ của tôi', level: 1 })).toBeVisible();
	});
}

test('onboarding refuses "can teach" under 16 next to the choice, keeping what was typed', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const page = await signedInPage(browser, await child(adminClient(), false), true);
	await page.goto('/onboarding');
	await expect(page.getByRole('heading', { name: 'Chào mừng bạn!' })).toBeVisible();
	await expect(page.getByRole('searchbox')).toBeVisible();
	await page.getByLabel('Tên gọi').fill('Bé Tí');
	await page.getByLabel('Tôi có thể dạy').check();
	await page.getByLabel('Phường, xã nơi bạn ở').selectOption({ label: 'Phường Bến Thành' });
	await page.getByLabel(/điều khoản sử dụng/).check();
	await page.getByLabel(/xử lý dữ liệu cá nhân/).check();
	await page.getByRole('button', { name: 'Lưu và bắt đầu' }).click();
	await expect(page.locator('#roles-error')).toContainText(TOO_YOUNG);
	await expect(page).toHaveURL(/\/onboarding/);
	await expect(page.getByLabel('Tên gọi')).toHaveValue('Bé Tí');
	// Learning instead is fine.
	await page.getByLabel('Tôi có thể dạy').uncheck();
	await page.getByLabel('Tôi muốn học').check();
	await page.getByRole('button', { name: 'Lưu và bắt đầu' }).click();
	await expect(page).not.toHaveURL(/\/onboarding/);
});

test('the offer page refuses under 16 in words above the form', async ({ browser }) => {
	test.setTimeout(90_000);
	const page = await signedInPage(browser, await child(adminClient(), true), true);
	await page.goto('/offer');
	await expect(page.getByRole('heading', { name: 'Tôi có thể dạy', level: 1 })).toBeVisible();
	await page.waitForLoadState('networkidle');
	// The first skill at its first level: a complete offer, refused only for her age.
	await page.locator('select[name="skills"]').first().selectOption({ index: 1 });
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByText('Tình nguyện viên phải từ 16 tuổi trở lên.')).toBeVisible();
});
