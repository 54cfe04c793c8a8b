import { expect, test } from '@playwright/test';
import { completeOnboarding, newPhone, readCode, requestCode, signInWithPhone } from './helpers';

test('a new learner signs up by phone, onboards, switches language, signs out and in again', async ({
	page,
	request
}) => {
	// Signing in again asks for a second code, which SMS max_frequency (60 s) makes wait.
	test.slow();
	const phone = newPhone();

	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cùng nhau biết dùng công nghệ');

	await page.getByRole('link', { name: 'Tôi muốn học' }).click();
	await expect(page).toHaveURL(/\/sign-in\?redirect_to=/);
	await signInWithPhone(page, request, phone.typed, phone.e164);

	await expect(page).toHaveURL(/\/onboarding/);
	// The home page's choice carries through sign-in.
	await expect(page.getByLabel('Tôi muốn học')).toBeChecked();
	await completeOnboarding(page, 'Cô Lan');
	await expect(page.getByText('Xin chào, Cô Lan!')).toBeVisible();

	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	// The signed-in home greets by name (issue #8), in the language just chosen.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Cô Lan!');
	await page.getByRole('link', { name: 'My profile' }).click();
	await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Cô Lan');
	await page.getByRole('button', { name: 'Tiếng Việt' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { name: 'Hồ sơ của tôi' })).toBeVisible();

	await page.getByRole('button', { name: 'Đăng xuất' }).click();
	await expect(page.getByText('Bạn đã đăng xuất.')).toBeVisible();
	await page.goto('/profile');
	await expect(page).toHaveURL(/\/sign-in\?redirect_to=%2Fprofile/);

	const firstCode = await readCode(request, phone.e164);
	await requestCode(page, phone.e164);
	const secondCode = await readCode(request, phone.e164, firstCode);
	await page.getByLabel('Mã gồm 6 chữ số').fill(secondCode);
	await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
	await expect(page).toHaveURL(/\/profile$/);
	await expect(page.getByRole('textbox', { name: 'Tên gọi' })).toHaveValue('Cô Lan');
	await expect(page.getByLabel('Phường, xã nơi bạn ở')).toHaveValue(/\d+/);
	await expect(page.getByText(/Đã đồng ý ngày/).first()).toBeVisible();
});

test('wrong codes and numbers get clear messages and keep what was typed', async ({
	page,
	request
}) => {
	await page.goto('/sign-in');
	await page.getByLabel('Số điện thoại').fill('12345');
	await page.getByRole('button', { name: 'Gửi mã cho tôi' }).click();
	await expect(page.getByText('Số điện thoại chưa đúng.', { exact: false })).toBeVisible();
	await expect(page.getByLabel('Số điện thoại')).toHaveValue('12345');
	await expect(page.getByLabel('Số điện thoại')).toHaveAttribute('aria-invalid', 'true');

	const phone = newPhone();
	await page.getByLabel('Số điện thoại').fill(phone.typed);
	await page.getByRole('button', { name: 'Gửi mã cho tôi' }).click();
	// Every answer is a redirect: the address never keeps the action, so a reload never posts.
	await expect(page).toHaveURL(/\/sign-in\?step=code$/);
	const first = await readCode(request, phone.e164);
	// Asking again at once: the code just sent still works, and the page says when a new one can
	// be asked for (SMS max_frequency is 60 s), not "too many tries".
	await page.getByRole('button', { name: 'Gửi lại mã' }).click();
	const wait = page.getByRole('status').filter({ hasText: /xin mã mới sau \d+ giây/ });
	await expect(wait).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(page.getByLabel('Mã gồm 6 chữ số')).toBeVisible();
	const code = first;
	const wrong = code === '000000' ? '111111' : '000000';
	await page.getByLabel('Mã gồm 6 chữ số').fill(wrong);
	await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Mã không đúng hoặc đã hết hạn');
	await expect(page).toHaveURL(/\/sign-in\?step=code$/);
	// Still on the code step for the same number.
	const shown = `0${phone.e164.slice(3, 5)} ${phone.e164.slice(5, 8)} ${phone.e164.slice(8)}`;
	await expect(page.getByText(`Chúng tôi đã gửi mã đến số ${shown}`)).toBeVisible();
	await page.getByLabel('Mã gồm 6 chữ số').fill(code);
	await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
	await expect(page).toHaveURL(/\/onboarding/);
});

test('the text size and high contrast settings apply from the first paint', async ({ page }) => {
	await page.goto('/settings');
	await page.getByLabel('Rất lớn').check();
	await page.getByLabel(/Tương phản cao/).check();
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.locator('html')).toHaveClass(/text-xlarge/);
	await expect(page.locator('html')).toHaveClass(/high-contrast/);
	const response = await page.request.get('/');
	expect(await response.text()).toContain('class="text-xlarge high-contrast"');
});
