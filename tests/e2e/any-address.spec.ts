// A newcomer opens the app at whatever address they typed or a tool found: localhost, 127.0.0.1.
// Signing in and saving the profile must work at each (#13: every form answered 403 at 127.0.0.1),
// and a form posted from another site is refused with the app's own page in the person's language.
import { expect, test } from '@playwright/test';
import { completeOnboarding, newPhone, signInWithPhone } from './helpers';

const port = process.env.E2E_APP_PORT;

for (const host of ['127.0.0.1', 'localhost']) {
	test(`signs in and saves the profile at http://${host}`, async ({ page, request }) => {
		const base = `http://${host}:${port}`;
		const phone = newPhone();
		await page.goto(`${base}/sign-in`);
		await signInWithPhone(page, request, phone.typed, phone.e164);
		await expect(page).toHaveURL(`${base}/onboarding?redirect_to=%2F`);
		await completeOnboarding(page, `Bác ${host}`);

		await page.goto(`${base}/profile`);
		await page.getByRole('textbox', { name: 'Tên gọi' }).fill('Bác Đổi Tên');
		await page.getByRole('button', { name: 'Lưu', exact: true }).click();
		await expect(page.getByText('Đã lưu hồ sơ')).toBeVisible();
		await page.reload();
		await expect(page.getByRole('textbox', { name: 'Tên gọi' })).toHaveValue('Bác Đổi Tên');
	});
}

test('a form posted from another site is refused with our page, in the person’s language', async ({
	request
}) => {
	for (const [language, title] of [
		['vi', 'Không thể thực hiện'],
		['en', 'This cannot be done here']
	] as const) {
		const res = await request.post(`http://127.0.0.1:${port}/settings?/locale`, {
			headers: { origin: 'http://evil.example', 'accept-language': language },
			form: { locale: 'en' },
			maxRedirects: 0
		});
		expect(res.status()).toBe(403);
		const html = await res.text();
		expect(html).toContain(`<html lang="${language}"`);
		expect(html).toContain(title);
		expect(html).not.toContain('Cross-site');
	}
});
