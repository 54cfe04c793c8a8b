import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { completeOnboarding, newPhone, signInWithPhone } from './helpers';
import { expectNoAxeViolations } from './axe';

// The whole page is plain forms: it must work, download included, without JavaScript.
test.use({ javaScriptEnabled: false });

/**
 * Axe runs as a script in the page, so it checks `path` in a second, JavaScript-enabled context
 * signed in as the same person (the page itself is the same HTML either way).
 */
async function expectNoViolations(browser: Browser, page: Page, path: string) {
	const context = await browser.newContext({
		storageState: await page.context().storageState(),
		locale: 'vi-VN',
		javaScriptEnabled: true
	});
	try {
		const checked = await context.newPage();
		await checked.goto(new URL(path, page.url()).href);
		await expectNoAxeViolations(checked);
	} finally {
		await context.close();
	}
}

test('my data: see it, download it, withdraw consent, delete the account, without JavaScript', async ({
	browser,
	page,
	request
}) => {
	// Five axe runs in a second context, on a shared two-core machine.
	test.slow();
	const phone = newPhone();
	await page.goto('/sign-in');
	await signInWithPhone(page, request, phone.typed, phone.e164);
	await completeOnboarding(page, 'Cô Hai');

	await page.goto('/my-data');
	await expect(page.getByRole('heading', { name: 'Dữ liệu của tôi', level: 1 })).toBeVisible();
	await expect(page.getByText(/Luật số 91\/2025\/QH15/)).toBeVisible();

	// A wrong word is refused, in words, next to the field.
	const see = page.getByRole('region', { name: 'Xem và tải dữ liệu' });
	await see.getByLabel('Gõ chữ xác nhận').fill('có');
	await see.getByRole('button', { name: 'Xem trên trang' }).click();
	await expect(page.getByText('Chữ xác nhận chưa đúng.', { exact: false })).toBeVisible();
	await expectNoViolations(browser, page, '/my-data');

	await see.getByLabel('Gõ chữ xác nhận').fill('xem');
	await see.getByRole('button', { name: 'Xem trên trang' }).click();
	await expect(page.getByRole('heading', { name: 'Dữ liệu chúng tôi lưu về bạn' })).toBeVisible();
	await expect(page.getByText(phone.e164)).toBeVisible();
	// Every part of the export is listed, the phone consent cards included (none yet for her).
	await expect(
		page.getByRole('heading', { name: /^Thẻ đồng ý dùng điện thoại của bạn/, level: 3 })
	).toBeVisible();

	await see.getByLabel('Gõ chữ xác nhận').fill('XEM');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		see.getByRole('button', { name: 'Tải tệp JSON' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^du-lieu-cua-toi-\d{4}-\d{2}-\d{2}\.json$/);
	const file = JSON.parse(await readFile(await download.path(), 'utf8')) as {
		profile: { phone: string; display_name: string };
	};
	expect(file.profile).toMatchObject({ phone: phone.e164, display_name: 'Cô Hai' });

	await page.goto('/my-data');
	await page.getByRole('button', { name: 'Rút lại sự đồng ý' }).click();
	await expect(page.getByText('Đã rút lại sự đồng ý.')).toBeVisible();
	await expect(page.getByText(/Số \d+: rút lại sự đồng ý, đã xong/)).toBeVisible();
	// Withdrawn: every other page asks for consent first, and agreeing goes back where they were.
	await page.goto('/profile');
	await expect(page).toHaveURL(/\/my-data\/consent\?redirect_to=%2Fprofile/);
	await expect(page.getByText(/91\/2025\/QH15/)).toBeVisible();
	await expectNoViolations(browser, page, '/my-data/consent');
	await page.getByRole('button', { name: 'Tôi đồng ý' }).click();
	await expect(page).toHaveURL(/\/profile$/);

	await page.goto('/my-data');

	// Blocks: an empty list that says what to do; a report page for nobody they know says so.
	await page.goto('/blocks');
	await expect(page.getByText('Bạn chưa chặn ai.', { exact: false })).toBeVisible();
	await expectNoViolations(browser, page, '/blocks');
	await page.goto('/blocks/report?person=00000000-0000-4000-8000-00000000dead');
	await expect(page.getByRole('alert')).toContainText('Không tìm thấy người này');
	await expectNoViolations(browser, page, page.url());

	await page.goto('/my-data');
	const remove = page.getByRole('region', { name: 'Xóa tài khoản' });
	await remove.getByLabel('Gõ chữ xác nhận').fill('Xóa');
	await remove.getByRole('button', { name: 'Xóa tài khoản của tôi' }).click();
	await expect(page.getByRole('heading', { name: 'Đã xóa tài khoản' })).toBeVisible();
	await expect(page.getByText(/Số biên nhận yêu cầu: \d+/)).toBeVisible();

	await page.goto('/my-data');
	await expect(page).toHaveURL(/\/sign-in/);
});
