// The phone consent card, in Vietnamese, on two phones: the demo volunteer's VNeID lesson with the
// demo learner (a skill that touches her phone). He fills the card and confirms; she sees it waiting
// for her, agrees, and both see it agreed. axe on the card; screenshots of the card and of the data
// page (/my-data) in test-results/screens/.
import { expect, test, type Browser } from '@playwright/test';
import { signInWithPassword } from './helpers';
import { adminClient } from './push-helpers';
import { expectNoAxeViolations } from './axe';

const LEARNER = 'hocvien.demo@example.com';
const LEARNER_ID = '00000000-0000-4000-8000-000000000001';
const VOLUNTEER = 'tinhnguyen.demo@example.com';
const VOLUNTEER_ID = '00000000-0000-4000-8000-000000000002';
const SCREENS = 'test-results/screens';

async function phone(browser: Browser) {
	const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
	return context.newPage();
}

test.setTimeout(180_000);

test('both sides confirm the phone consent card before a VNeID lesson', async ({ browser }) => {
	// The seed's upcoming VNeID lesson of the demo volunteer with the demo learner.
	const admin = adminClient();
	const { data: lessons, error } = await admin
		.from('sessions')
		.select('id, skills!inner(slug), session_participants!inner(profile_id)')
		.eq('teacher_id', VOLUNTEER_ID)
		.eq('status', 'scheduled')
		.eq('skills.slug', 'vneid')
		.eq('session_participants.profile_id', LEARNER_ID)
		.limit(1);
	expect(error).toBeNull();
	const lessonId = (lessons?.[0] as { id: number } | undefined)?.id;
	expect(lessonId).toBeTruthy();

	const volunteer = await phone(browser);
	await signInWithPassword(volunteer, VOLUNTEER);
	await volunteer.goto(`/lessons/${lessonId}`);
	const card = volunteer.getByRole('region', { name: 'Thẻ đồng ý dùng điện thoại' });
	await expect(card).toBeVisible();
	await expect(card).toContainText('Mã OTP, mật khẩu và mã PIN chỉ do người học tự nhập.');
	await expectNoAxeViolations(volunteer);

	// Without the rule on codes ticked, the card is not confirmed, and what was chosen is kept.
	await card.getByLabel('Cài ứng dụng (VNeID, ngân hàng, dịch vụ công…)').check();
	await card.getByLabel('Trong bao lâu').selectOption({ label: '45 phút' });
	await card.getByRole('button', { name: 'Tôi đồng ý với thẻ này' }).click();
	await expect(
		card.getByText('Hãy đánh dấu đồng ý quy tắc về mã OTP, mật khẩu và mã PIN.')
	).toBeVisible();
	await expect(card.getByLabel('Cài ứng dụng (VNeID, ngân hàng, dịch vụ công…)')).toBeChecked();
	await expectNoAxeViolations(volunteer);

	await card.getByLabel('Tôi đồng ý: mã OTP, mật khẩu và mã PIN chỉ do người học tự nhập.').check();
	await card.getByRole('button', { name: 'Tôi đồng ý với thẻ này' }).click();
	await expect(
		volunteer.getByText('Đã ghi nhận. Chờ bên kia xác nhận cùng nội dung.')
	).toBeVisible();

	// The learner sees the same terms waiting for her, and agrees.
	const learner = await phone(browser);
	await signInWithPassword(learner, LEARNER);
	await learner.goto(`/lessons/${lessonId}`);
	const hers = learner.getByRole('region', { name: 'Thẻ đồng ý dùng điện thoại' });
	await expect(hers.getByLabel('Cài ứng dụng (VNeID, ngân hàng, dịch vụ công…)')).toBeChecked();
	await expect(hers.getByLabel('Trong bao lâu')).toHaveValue('45');
	await expect(hers.getByRole('list', { name: 'Ai đã xác nhận thẻ' })).toContainText('đã xác nhận');
	await hers.getByLabel('Tôi đồng ý: mã OTP, mật khẩu và mã PIN chỉ do người học tự nhập.').check();
	await hers.getByRole('button', { name: 'Tôi đồng ý với thẻ này' }).click();
	await expect(learner.getByText('Hai bên đã đồng ý. Buổi học có thể bắt đầu.')).toBeVisible();
	await expect(hers.getByText(/^Chờ/)).toHaveCount(0);
	await expectNoAxeViolations(learner);
	await hers.screenshot({ path: `${SCREENS}/consent-card.png` });
	await learner.screenshot({ path: `${SCREENS}/consent-card-page.png`, fullPage: true });

	// Her data page, in Vietnamese.
	await learner.goto('/my-data');
	await expect(learner.getByRole('heading', { level: 1 })).toBeVisible();
	await learner.screenshot({ path: `${SCREENS}/my-data.png`, fullPage: true });
});
