import { expect, test } from '@playwright/test';
import { adminClient } from './push-helpers';
import { recordConsents, signInWithPassword } from './helpers';
import { expectNoAxeViolations } from './axe';

// A suspension, end to end in Vietnamese: the demo coordinator of Bàn Cờ suspends a volunteer
// who has a class coming up; the class is cancelled at once and its learner is told, on her
// notices page, that it cannot take place, without the reason the board wrote.

const REASON = 'Hai lần không đến mà không báo';

test('suspending a volunteer cancels their class; the learner is told neutrally', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const admin = adminClient();
	const { data: ward, error } = await admin
		.from('areas')
		.select('id')
		.eq('code', 'HCM-BANCO')
		.single();
	if (error) throw new Error(error.message);
	const { data: venue, error: venueError } = await admin
		.from('venues')
		.select('id')
		.eq('ward_id', ward.id)
		.eq('name_vi', 'Nhà văn hóa Khu phố 3 Bàn Cờ')
		.single();
	if (venueError) throw new Error(venueError.message);
	const { data: skill, error: skillError } = await admin
		.from('skills')
		.select('id')
		.eq('title_vi', 'Định danh điện tử VNeID')
		.single();
	if (skillError) throw new Error(skillError.message);

	const stamp = Date.now();
	const person = async (name: string, extra: Record<string, unknown>) => {
		const email = `tam-ngung-${stamp}-${name.length}@example.com`;
		const created = await admin.auth.admin.createUser({
			email,
			password: 'matkhau123',
			email_confirm: true
		});
		if (created.error || !created.data.user) throw new Error(String(created.error?.message));
		const { error: profileError } = await admin
			.from('profiles')
			.update({
				display_name: name,
				ward_id: ward.id,
				onboarded_at: new Date().toISOString(),
				...extra
			})
			.eq('id', created.data.user.id);
		if (profileError) throw new Error(profileError.message);
		await recordConsents(admin, created.data.user.id);
		return { id: created.data.user.id, email };
	};
	const volunteer = await person(`Anh Tình nguyện ${stamp}`, { can_teach: true });
	const learner = await person('Cô Sáu Hạnh', { wants_to_learn: true });
	const { error: verifyError } = await admin
		.from('volunteer_verifications')
		.insert({ profile_id: volunteer.id, ward_id: ward.id, method: 'youth_union' });
	if (verifyError) throw new Error(verifyError.message);

	// A class three days ahead, taught by the volunteer, with the learner signed up.
	const start = new Date(Math.ceil((Date.now() + 3 * 86_400_000) / 300_000) * 300_000);
	const { data: lesson, error: lessonError } = await admin
		.from('sessions')
		.insert({
			kind: 'class',
			skill_id: skill.id,
			teacher_id: volunteer.id,
			ward_id: ward.id,
			place_type: 'venue',
			venue_id: venue.id,
			capacity: 10,
			status: 'scheduled',
			starts_at: start.toISOString(),
			ends_at: new Date(start.getTime() + 3_600_000).toISOString()
		})
		.select('id')
		.single();
	if (lessonError) throw new Error(lessonError.message);
	const { error: seatError } = await admin
		.from('session_participants')
		.insert({ session_id: lesson.id, profile_id: learner.id, status: 'accepted' });
	if (seatError) throw new Error(seatError.message);

	const board = await (await browser.newContext()).newPage();
	await signInWithPassword(board, 'dieuphoi.demo@example.com');
	await board.goto(`/ward/${ward.id}/volunteers/${volunteer.id}`);
	await expect(
		board.getByText('Các buổi học sắp tới của người này sẽ bị huỷ ngay', { exact: false })
	).toBeVisible();
	await board.getByLabel('Lý do tạm ngưng').fill(REASON);
	await board.getByRole('button', { name: 'Tạm ngưng tình nguyện viên' }).click();
	await expect(board.getByRole('status').first()).toContainText(
		'Đã tạm ngưng. Các buổi học sắp tới của người này đã huỷ'
	);
	await expectNoAxeViolations(board);
	await board.screenshot({ path: 'test-results/screens/volunteer-suspended.png', fullPage: true });

	const { data: after, error: afterError } = await admin
		.from('sessions')
		.select('status, cancel_reason')
		.eq('id', lesson.id)
		.single();
	if (afterError) throw new Error(afterError.message);
	expect(after).toEqual({ status: 'cancelled', cancel_reason: 'unavailable' });

	const phone = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await signInWithPassword(phone, learner.email);
	await phone.goto('/notifications');
	await expect(phone.getByText('Buổi học đã huỷ: Định danh điện tử VNeID')).toBeVisible();
	await expect(phone.getByText(/Lý do: buổi học không thể diễn ra như đã hẹn/)).toBeVisible();
	await expect(phone.getByText(REASON)).toHaveCount(0);
	await expectNoAxeViolations(phone);
	await phone.screenshot({ path: 'test-results/screens/suspension-notice.png', fullPage: true });
});
