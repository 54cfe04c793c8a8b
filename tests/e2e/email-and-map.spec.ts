import { expect, test } from '@playwright/test';
import { completeOnboarding, newPhone, readCode, signInWithPhone } from './helpers';

test('the seeded demo learner signs in with e-mail and password', async ({ page }) => {
	await page.goto('/sign-in');
	await page.getByRole('link', { name: 'Dùng e-mail thay cho số điện thoại' }).click();
	const form = page.locator('form', {
		has: page.getByRole('button', { name: 'Đăng nhập bằng mật khẩu' })
	});
	await form.getByLabel('E-mail').fill('hocvien.demo@example.com');
	await form.getByLabel('Mật khẩu').fill('wrong-password');
	await form.getByRole('button').click();
	await expect(page.getByRole('alert')).toContainText('E-mail hoặc mật khẩu không đúng.');
	await expect(form.getByLabel('E-mail')).toHaveValue('hocvien.demo@example.com');

	await form.getByLabel('Mật khẩu').fill('matkhau123');
	await form.getByRole('button').click();
	await expect(page.getByRole('link', { name: 'Hồ sơ của tôi' })).toBeVisible();
});

test('a new person signs up with an e-mail code', async ({ page, request }) => {
	const email = `e2e-${Date.now()}@example.com`;
	await page.goto('/sign-in?method=email');
	const form = page.locator('form', {
		has: page.getByRole('button', { name: 'Gửi mã qua e-mail' })
	});
	await form.getByLabel('E-mail').fill(email);
	await form.getByRole('button').click();
	await expect(page.getByText(`Chúng tôi đã gửi mã đến ${email}.`)).toBeVisible();
	await expect(page.getByLabel('Mã gồm 6 chữ số')).toBeFocused();
	await page.getByLabel('Mã gồm 6 chữ số').fill(await readCode(request, email));
	await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
	await expect(page).toHaveURL(/\/onboarding/);
});

test('a point picked on the map is saved as the home location', async ({ page, request }) => {
	const phone = newPhone();
	await page.goto('/sign-in');
	await signInWithPhone(page, request, phone.typed, phone.e164);
	await completeOnboarding(page, 'Anh Tâm');
	await page.goto('/profile');
	const lat = page.locator('input[name="lat"]');
	// Onboarding stored the ward centre, which the form leaves implicit until a point is picked.
	await expect(lat).toHaveValue('');

	const map = page.getByRole('application', { name: 'Bản đồ chọn vị trí' });
	await expect(map.locator('.leaflet-marker-icon')).toBeVisible();
	const box = await map.boundingBox();
	if (!box) throw new Error('map not laid out');
	await map.click({ position: { x: box.width * 0.8, y: box.height * 0.2 } });
	await expect(page.getByText('Đã chọn một điểm trên bản đồ.')).toBeVisible();
	const picked = await lat.inputValue();
	expect(picked).toMatch(/^10\.\d+$/);

	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByText('Đã lưu hồ sơ.')).toBeVisible();
	await page.reload();
	await expect(lat).toHaveValue(picked);
});
