import { expect, test } from '@playwright/test';
import { signInWithPassword } from './helpers';
import { expectNoAxeViolations } from './axe';

// The demo coordinator (Thu Hà, Phường Bàn Cờ) opens her board, assigns the longest-waiting request
// to a verified volunteer in one click, and downloads the month's report as CSV.
test('a coordinator assigns an unmet request and downloads the monthly report', async ({
	page
}) => {
	await signInWithPassword(page, 'dieuphoi.demo@example.com');
	await page.getByRole('link', { name: 'Bảng điều phối' }).click();

	// One ward: straight to its overview.
	await expect(page.getByRole('heading', { name: 'Tổng quan của phường', level: 1 })).toBeVisible();
	await expect(page.getByText('Bảng điều phối Phường Bàn Cờ')).toBeVisible();
	await expect(page.getByRole('term').filter({ hasText: 'Buổi học hoàn thành' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.screenshot({ path: 'test-results/screens/ward-dashboard.png', fullPage: true });

	const nav = page.getByRole('navigation', { name: 'Các mục của bảng điều phối' });
	await nav.getByRole('link', { name: 'Yêu cầu chờ' }).click();
	await expect(page.getByRole('heading', { name: 'Yêu cầu chờ', level: 1 })).toBeVisible();
	await expectNoAxeViolations(page);

	// The first request with a verified candidate: assign it to that volunteer.
	const card = page
		.getByRole('article')
		.filter({ has: page.getByText('Đã xác minh', { exact: true }) })
		.first();
	const skill = (await card.getByRole('heading', { level: 2 }).textContent())?.trim() ?? '';
	const row = card
		.getByRole('row')
		.filter({ has: page.getByText('Đã xác minh', { exact: true }) })
		.first();
	await row.getByRole('button', { name: /^Giao cho / }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Đã giao. Người học và tình nguyện viên đã được thông báo.'
	);
	await page.screenshot({ path: 'test-results/screens/ward-assigned.png', fullPage: true });
	// The request left the unmet list (the seed has one open request per skill in Bàn Cờ).
	await expect(page.getByRole('heading', { name: skill, level: 2 })).toHaveCount(0);

	await nav.getByRole('link', { name: 'Báo cáo tháng' }).click();
	await expect(page.getByRole('heading', { name: /^Báo cáo tháng \d{4}-\d{2}$/ })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.screenshot({ path: 'test-results/screens/ward-monthly.png', fullPage: true });
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Tải về tệp CSV' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^ward-\d+-\d{4}-\d{2}\.csv$/);
	const path = await download.path();
	const { readFile } = await import('node:fs/promises');
	const csv = await readFile(path, 'utf8');
	expect(csv).toContain('Phường Bàn Cờ');
	expect(csv.split('\n')[0]).toBe('\uFEFFMục,Nội dung,Buổi học,Số người,Số giờ');
});
