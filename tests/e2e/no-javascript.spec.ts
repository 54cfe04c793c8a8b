import { expect, test } from '@playwright/test';
import { completeOnboarding, newPhone, readCode, requestCode, signInWithPhone } from './helpers';

test.use({ javaScriptEnabled: false });

test('sign-in, onboarding, language switch and sign-out work without JavaScript', async ({
	page,
	request
}) => {
	// Signs in twice with one phone: the second code waits out Auth's 60 s interval between sends.
	test.slow();
	const phone = newPhone();
	await page.goto('/sign-in');
	await page.getByLabel('Số điện thoại').fill('0123');
	await page.getByRole('button', { name: 'Gửi mã cho tôi' }).click();
	await expect(page.getByText('Số điện thoại chưa đúng.', { exact: false })).toBeVisible();

	await signInWithPhone(page, request, phone.typed, phone.e164);
	await expect(page).toHaveURL(/\/onboarding/);
	await completeOnboarding(page, 'Bác Tư');
	await expect(page.getByText('Xin chào, Bác Tư!')).toBeVisible();

	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByRole('button', { name: 'Tiếng Việt' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

	await page.getByRole('button', { name: 'Đăng xuất' }).click();
	await expect(page.getByText('Bạn đã đăng xuất.')).toBeVisible();

	const firstCode = await readCode(request, phone.e164);
	await requestCode(page, phone.typed);
	const code = await readCode(request, phone.e164, firstCode);
	await page.getByLabel('Mã gồm 6 chữ số').fill(code);
	await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
	await expect(page.getByText('Xin chào, Bác Tư!')).toBeVisible();
});

test('claiming an account by code answers without JavaScript, keeping the page', async ({
	page,
	request
}) => {
	const phone = newPhone();
	await page.goto('/sign-in');
	await signInWithPhone(page, request, phone.typed, phone.e164);
	await expect(page).toHaveURL(/\/onboarding/);
	await page.getByRole('link', { name: /Nhận tài khoản bằng mã/ }).click();
	await page.getByRole('button', { name: 'Nhận tài khoản', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Hãy nhập mã nhận tài khoản.');
	await page.getByLabel('Mã nhận tài khoản').fill('ABCD 2345');
	await page.getByRole('button', { name: 'Nhận tài khoản', exact: true }).click();
	await expect(page).toHaveURL(/\/claim$/);
	await expect(page.getByRole('alert')).toContainText('Mã không đúng hoặc đã hết hạn');
});
