import { expect, test } from '@playwright/test';

// The policy must not break the app: every script, style, image and map tile the pages need is
// allowed, and nothing else. A violation shows as a console error and a DOM event; both count.
test('pages load under the content security policy without a single violation', async ({
	page
}) => {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
	});
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`);
		});
	});

	const home = await page.goto('/');
	const headers = home?.headers() ?? {};
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
	expect(headers['strict-transport-security']).toBeUndefined(); // plain HTTP here

	await page.goto('/sign-in?method=email');
	const form = page.locator('form', {
		has: page.getByRole('button', { name: 'Đăng nhập bằng mật khẩu' })
	});
	await form.getByLabel('E-mail').fill('tinhnguyen.demo@example.com');
	await form.getByLabel('Mật khẩu').fill('matkhau123');
	await form.getByRole('button').click();
	await expect(page.getByRole('link', { name: 'Hồ sơ của tôi' })).toBeVisible();

	for (const path of ['/profile', '/nearby', '/nearby/map']) {
		const response = await page.goto(path);
		// Pages that hydrate carry inline scripts, allowed by this response's nonce alone.
		expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
		await page.waitForLoadState('networkidle');
	}
	// Leaflet ran and drew its markers, inline styles and all.
	const map = page.getByRole('application', { name: /Bản đồ người cần giúp/ });
	await expect(map.locator('.leaflet-marker-icon').first()).toBeAttached();
	expect(violations).toEqual([]);
});
