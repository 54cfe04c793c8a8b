import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { newPhone, signInWithPhone, completeOnboarding } from './helpers';
import { expectNoAxeViolations } from './axe';

// One test per part of the app: each has its own time budget, so a slow machine slows them all
// without pushing one long walk past the limit (it did, in a CI run under load).
test('home and sign-in have no axe violations', async ({ page }) => {
	await page.goto('/');
	await expectNoAxeViolations(page);

	await page.goto('/sign-in');
	await expectNoAxeViolations(page);
});

test('onboarding and claiming an account have no axe violations, errors shown too', async ({
	page,
	request
}) => {
	const phone = newPhone();
	await page.goto('/sign-in');
	await signInWithPhone(page, request, phone.typed, phone.e164);
	await expect(page).toHaveURL(/\/onboarding/);
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Lưu và bắt đầu' }).click();
	await expect(page.getByRole('alert')).toBeVisible();
	await expectNoAxeViolations(page);

	// Claiming an account a helper registered is offered before onboarding.
	await page.goto('/claim');
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Nhận tài khoản', exact: true }).click();
	await expect(page.getByRole('alert')).toBeVisible();
	await expectNoAxeViolations(page);
});

async function signedIn(page: Page, request: APIRequestContext) {
	const phone = newPhone();
	await page.goto('/sign-in');
	await signInWithPhone(page, request, phone.typed, phone.e164);
	await completeOnboarding(page, 'Chú Ba');
}

test('profile and settings have no axe violations', async ({ page, request }) => {
	await signedIn(page, request);
	await page.goto('/profile');
	await expectNoAxeViolations(page);

	await page.goto('/settings');
	await expectNoAxeViolations(page);

	await page.goto('/settings/notifications');
	await expect(page.locator('[data-push-state]')).not.toHaveAttribute('data-push-state', '');
	await expectNoAxeViolations(page);
});

test('notifications, my lessons and my data have no axe violations', async ({ page, request }) => {
	await signedIn(page, request);
	await page.goto('/notifications');
	await expectNoAxeViolations(page);

	// My lessons, empty (the lesson pages themselves are checked in lesson-journey.spec.ts).
	await page.goto('/lessons');
	await expect(page.getByText('Bạn chưa có buổi học nào.')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.goto('/my-data');
	await expectNoAxeViolations(page);
});

test('the sign-in page has no violations in high contrast and extra-large text', async ({
	page
}) => {
	await page.goto('/settings');
	await page.getByLabel('Rất lớn').check();
	await page.getByLabel(/Tương phản cao/).check();
	await page.getByRole('button', { name: 'Lưu' }).click();
	await page.goto('/sign-in');
	await expectNoAxeViolations(page);
});
