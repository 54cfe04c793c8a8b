import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

// The demo volunteer (Khang) has taught lessons in the seed: his badges page shows what he earned,
// privately, and what comes next; he chooses to show one, and the choice holds after a reload.
test('a volunteer sees his badges and chooses which to show', async ({ page }) => {
	await page.goto('/sign-in?method=email');
	const form = page.locator('form', {
		has: page.getByRole('button', { name: 'Đăng nhập bằng mật khẩu' })
	});
	await form.getByLabel('E-mail').fill('tinhnguyen.demo@example.com');
	await form.getByLabel('Mật khẩu').fill('matkhau123');
	await form.getByRole('button').click();
	await page.getByRole('link', { name: 'Huy hiệu của tôi' }).click();

	await expect(page.getByRole('heading', { name: 'Huy hiệu của tôi', level: 1 })).toBeVisible();
	await expect(page.getByRole('heading', { name: /^Đã đạt \([1-9]\d*\)$/ })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Huy hiệu tiếp theo' })).toBeVisible();
	await expect(page.getByText(/^Đã có \d+ trên \d+$/).first()).toBeVisible();

	const show = page.getByRole('button', { name: 'Hiện “Buổi dạy đầu tiên” trên thẻ của tôi' });
	await show.click();
	await expect(page.getByRole('status')).toHaveText('Huy hiệu đã hiện trên thẻ của bạn.');
	await page.reload();
	await expect(page.getByRole('button', { name: 'Ẩn “Buổi dạy đầu tiên”' })).toBeVisible();

	await expectNoAxeViolations(page);
	await page.screenshot({ path: 'test-results/screens/badges.png', fullPage: true });

	// Back to private, so the seed's state is what the next test meets.
	await page.getByRole('button', { name: 'Ẩn “Buổi dạy đầu tiên”' }).click();
	await expect(page.getByRole('status')).toHaveText('Đã ẩn huy hiệu.');
});
