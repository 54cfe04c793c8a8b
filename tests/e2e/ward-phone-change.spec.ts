import { expect, test } from '@playwright/test';
import { adminClient } from './push-helpers';
import { newPhone, recordConsents, signInWithPassword, signInWithPhone } from './helpers';
import { expectNoAxeViolations } from './axe';

// The ward office, end to end in Vietnamese: a resident of Bàn Cờ who changed phone comes to the
// ward. The demo coordinator finds her by her old number, checks her citizen ID card against the
// name shown and types the new number. Her session on the old phone ends; she signs in with the
// new number and finds the notice.

test("a coordinator changes a resident's sign-in number; she signs in with the new one", async ({
	browser,
	request
}) => {
	test.setTimeout(180_000);
	const admin = adminClient();
	const { data: ward, error } = await admin
		.from('areas')
		.select('id')
		.eq('code', 'HCM-BANCO')
		.single();
	if (error) throw new Error(error.message);

	const old = newPhone();
	const fresh = newPhone();
	const name = `Bà Tám ${Date.now()}`;
	const created = await admin.auth.admin.createUser({ phone: old.e164, phone_confirm: true });
	if (created.error || !created.data.user) throw new Error(String(created.error?.message));
	const residentId = created.data.user.id;
	const { error: profileError } = await admin
		.from('profiles')
		.update({
			display_name: name,
			ward_id: ward.id,
			wants_to_learn: true,
			onboarded_at: new Date().toISOString()
		})
		.eq('id', residentId);
	if (profileError) throw new Error(profileError.message);
	await recordConsents(admin, residentId);

	// She is signed in on her old phone.
	const phone = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await phone.goto('/sign-in');
	await signInWithPhone(phone, request, old.typed, old.e164);
	await expect(phone.getByRole('link', { name: 'Hồ sơ của tôi' })).toBeVisible();

	// The ward office: find her by her old number.
	const board = await (await browser.newContext()).newPage();
	await signInWithPassword(board, 'dieuphoi.demo@example.com');
	await board.goto(`/ward/${ward.id}/phone`);
	await expect(
		board.getByRole('heading', { name: 'Đổi số điện thoại đăng nhập', level: 1 })
	).toBeVisible();
	await board.getByLabel('Số điện thoại họ đang dùng để đăng nhập').fill('0999 999 999');
	await board.getByRole('button', { name: 'Tìm người này' }).click();
	await expect(board.getByText('Không có ai trong phường đăng nhập bằng số này.')).toBeVisible();
	await expect(board.getByLabel('Số điện thoại họ đang dùng để đăng nhập')).toHaveValue(
		'0999 999 999'
	);
	await board.getByLabel('Số điện thoại họ đang dùng để đăng nhập').fill(old.typed);
	await board.getByRole('button', { name: 'Tìm người này' }).click();
	await expect(board.getByRole('heading', { name: `Người cần đổi số: ${name}` })).toBeVisible();

	// No paper chosen, a number that is not a mobile: both said under their fields, typing kept.
	await board.getByLabel('Số điện thoại mới').fill('028 3829 1234');
	await board.getByRole('button', { name: 'Đổi số' }).click();
	await expect(board.getByText('Hãy chọn loại giấy tờ đã xem.')).toBeVisible();
	await expect(board.getByLabel('Số điện thoại mới')).toHaveValue('028 3829 1234');
	await board.screenshot({ path: 'test-results/screens/ward-phone-change.png', fullPage: true });

	await board.getByLabel('Căn cước công dân (CCCD)').check();
	await board.getByLabel('Số điện thoại mới').fill(fresh.typed);
	await expectNoAxeViolations(board);
	await board.getByRole('button', { name: 'Đổi số' }).click();
	await expect(board.getByText(`Số mới có đuôi ${fresh.e164.slice(-3)}`)).toBeVisible();
	await expectNoAxeViolations(board);

	// Her old session is over; she signs in again with the new number and is told.
	await phone.goto('/notifications');
	await expect(phone).toHaveURL(/\/sign-in/);
	await signInWithPhone(phone, request, fresh.typed, fresh.e164);
	await expect(phone.getByRole('link', { name: 'Hồ sơ của tôi' })).toBeVisible();
	await phone.goto('/notifications');
	await expect(phone.getByText('Số điện thoại đăng nhập của bạn đã được đổi')).toBeVisible();
	await expectNoAxeViolations(phone);
});
