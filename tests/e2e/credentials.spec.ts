// Recognition that travels, in Vietnamese: the demo volunteer confirms a lesson with the learner's
// code and the lesson page shows the badge it earned; the badge's Open Badges credential verifies
// at its endpoint and fails when one byte is altered; the certificate of volunteer hours prints on
// A4. axe on each page.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { countYoungAccounts, lessonEarningBadge, VOLUNTEER } from './badge-lesson';
import { signInWithPassword } from './helpers';
import { adminClient } from './push-helpers';
import { expectNoAxeViolations } from './axe';

const BADGE = 'Người dạy ký giấy điện tử';

const LESSON = {
	tag: 'credentials',
	learnerName: 'Bà Tư',
	category: { vi: 'Giấy tờ', en: 'Papers' },
	skill: { vi: 'Ký giấy tờ điện tử', en: 'Signing papers online' },
	badge: { vi: BADGE, en: 'Taught online signing' },
	badgeDescription: {
		vi: 'Dạy một người ký giấy tờ điện tử',
		en: 'Taught someone to sign papers online'
	}
};

// One story: the credential and the certificate are the lesson's.
test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

test('completing a lesson shows the new badge; its credential verifies, and not once altered; the certificate prints on A4', async ({
	page
}) => {
	const admin = adminClient();
	const restoreRules = await countYoungAccounts(admin);
	try {
		const lesson = await lessonEarningBadge(admin, LESSON);

		await signInWithPassword(page, VOLUNTEER);
		await page.goto(`/lessons/${lesson.id}`);
		await page.getByLabel('Mã 6 số').fill(lesson.code);
		await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
		const earned = page.getByTestId('new-badges');
		await expect(earned.getByRole('heading', { name: 'Bạn vừa nhận huy hiệu mới' })).toBeVisible();
		await expect(earned.getByText(BADGE)).toBeVisible();
		await expectNoAxeViolations(page);

		// The in-app notice of the badge, in Vietnamese.
		await page.goto('/notifications');
		await expect(page.getByText(`Huy hiệu mới: ${BADGE}`)).toBeVisible();

		// The badge page offers the credential; the server signs it for its owner only.
		await page.goto('/badges');
		const download = page.getByRole('link', { name: `Tải chứng nhận số “${BADGE}” (Open Badges)` });
		const href = await download.getAttribute('href');
		const jwt = (await (await page.request.get(href ?? '')).text()).trim();
		expect(jwt.split('.')).toHaveLength(3);

		const verify = (credential: string) =>
			page.request.post('/api/credentials/verify', { data: { credential } });
		expect(await (await verify(jwt)).json()).toMatchObject({ valid: true });
		const middle = Math.floor(jwt.length / 2);
		const altered =
			jwt.slice(0, middle) + (jwt[middle] === 'A' ? 'B' : 'A') + jwt.slice(middle + 1);
		expect(await (await verify(altered)).json()).toMatchObject({ valid: false });
		const jwks = await (await page.request.get('/api/credentials/jwks')).json();
		expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
		expect(jwks.keys[0].d).toBeUndefined();

		// Its public page says nothing while the badge is private.
		await page.getByRole('link', { name: `Trang xác minh của huy hiệu “${BADGE}”` }).click();
		await expect(
			page.getByText('Huy hiệu này không được hiển thị: người nhận chưa chọn cho mọi người thấy.')
		).toBeVisible();
		await expect(page.getByText('Trần Minh Khang')).toHaveCount(0);
		await expectNoAxeViolations(page);

		// The certificate of volunteer hours, as printed on A4.
		await page.goto('/certificate');
		await expect(page.getByRole('heading', { name: 'GIẤY CHỨNG NHẬN', exact: true })).toBeVisible();
		await expect(page.getByRole('cell', { name: 'Ký giấy tờ điện tử' })).toBeVisible();
		await expectNoAxeViolations(page);
		await page.emulateMedia({ media: 'print' });
		await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
		await expect(page.getByRole('button', { name: 'In giấy chứng nhận (khổ A4)' })).toBeHidden();
		await expect(page.locator('.site-header')).toBeHidden();
		mkdirSync('test-results/screens', { recursive: true });
		await page.screenshot({ path: 'test-results/screens/certificate-a4.png', fullPage: true });
		const pdf = await page.pdf({
			preferCSSPageSize: true,
			path: 'test-results/screens/certificate.pdf'
		});
		// The page box the print CSS asked for: A4 is 595.28 × 841.89 points (without the CSS,
		// Chromium's default would be Letter, 612 × 792).
		const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
		expect(Number(box?.[1])).toBeCloseTo(595.28, 0);
		expect(Number(box?.[2])).toBeCloseTo(841.89, 0);
	} finally {
		await restoreRules();
	}
});
