import type { SupabaseClient } from '@supabase/supabase-js';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { CONSENT_VERSIONS, recordConsentRows } from '../consents';

/** A fresh Vietnamese mobile number per test, written the way people type it. */
export function newPhone(): { typed: string; e164: string } {
	const rest = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
	const national = `9${Math.floor(Math.random() * 10)}${rest}`;
	return {
		typed: `0${national.slice(0, 2)} ${national.slice(2, 5)} ${national.slice(5)}`,
		e164: `+84${national}`
	};
}

interface OutboxMessage {
	to: string;
	code: string | null;
	created_at: string;
}

/** Reads the newest code sent to `to` from the local Supabase outbox (JSON API). */
export async function readCode(
	request: APIRequestContext,
	to: string,
	after = ''
): Promise<string> {
	const url = `${process.env.E2E_SUPABASE_URL}/outbox/messages?to=${encodeURIComponent(to)}`;
	let code = '';
	await expect
		.poll(
			async () => {
				const messages = (await (await request.get(url)).json()) as OutboxMessage[];
				const newest = messages.find((m) => m.code && m.code !== after);
				code = newest?.code ?? '';
				return code;
			},
			{ message: `an SMS code for ${to} in the outbox` }
		)
		.not.toBe('');
	return code;
}

/** Phone number → code from the outbox → signed in, in Vietnamese. */
export async function signInWithPhone(
	page: Page,
	request: APIRequestContext,
	typed: string,
	e164: string
) {
	await requestCode(page, typed);
	const code = await readCode(request, e164);
	await page.getByLabel('Mã gồm 6 chữ số').fill(code);
	await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/** Fills the onboarding form for a learner in Phường Bến Thành and gives both consents. */
export async function completeOnboarding(page: Page, name: string) {
	await expect(page.getByRole('heading', { name: 'Chào mừng bạn!' })).toBeVisible();
	await page.getByLabel('Tên gọi').fill(name);
	await page.getByLabel('Tôi muốn học').check();
	await page.getByLabel('Phường, xã nơi bạn ở').selectOption({ label: 'Phường Bến Thành' });
	await page.getByLabel(/điều khoản sử dụng/).check();
	await page.getByLabel(/xử lý dữ liệu cá nhân/).check();
	await page.getByRole('button', { name: 'Lưu và bắt đầu' }).click();
	// Wait for the save to land: navigating on at once would cancel the submission in flight.
	await expect(page).not.toHaveURL(/\/onboarding/);
}

/**
 * Asks for a code for `typed`. Asked again within the SMS interval (max_frequency), the page says
 * the code sent moments ago still works and when a new one can be asked for: a test that needs a
 * new code waits that long and presses "Gửi lại mã", as a person would.
 */
export async function requestCode(page: Page, typed: string) {
	await page.getByLabel('Số điện thoại').fill(typed);
	await page.getByRole('button', { name: 'Gửi mã cho tôi' }).click();
	await expect(page.getByText('Chúng tôi đã gửi mã đến số')).toBeVisible();
	const wait = page.getByRole('status').filter({ hasText: /xin mã mới sau \d+ giây/ });
	if (!(await wait.isVisible())) return;
	const seconds = Number(/(\d+) giây/.exec(await wait.innerText())?.[1] ?? 5);
	await page.waitForTimeout((seconds + 1) * 1000);
	await page.getByRole('button', { name: 'Gửi lại mã' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã gửi mã mới.' })).toBeVisible();
}

/** Signs a seeded demo account in with its e-mail and the demo password (no SMS interval to wait). */
export async function signInWithPassword(page: Page, email: string, password = 'matkhau123') {
	await page.goto('/sign-in?method=email');
	const form = page.locator('form', {
		has: page.getByRole('button', { name: 'Đăng nhập bằng mật khẩu' })
	});
	await form.getByLabel('E-mail').fill(email);
	await form.getByLabel('Mật khẩu').fill(password);
	await form.getByRole('button').click();
	await expect(page.getByRole('link', { name: 'Hồ sơ của tôi' })).toBeVisible();
}

/**
 * Records the consents in force for a person made with the service key, as onboarding does: the
 * database refuses requests, offers and lessons without the current personal-data consent.
 */
export async function recordConsents(admin: SupabaseClient, profileId: string) {
	await recordConsentRows(admin, profileId, CONSENT_VERSIONS);
}
