import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { expect, test } from '@playwright/test';
import { DEFAULT_KEYS } from '../../supabase/local/config';
import { adminClient, CLIENT_OPTIONS } from './push-helpers';
import { recordConsents, signInWithPassword } from './helpers';
import { expectNoAxeViolations } from './axe';

// The phone consent card in a VNeID class, in Vietnamese: one learner agrees on her own phone
// before the class, another agrees with the teacher on the shared tablet; neither can be marked
// present before her card is agreed by both sides.

const SKILL = 'Định danh điện tử VNeID';
const VENUE = 'Nhà văn hóa Khu phố 3 Bàn Cờ';
const COORDINATOR = 'dieuphoi.demo@example.com';

/** A supabase-js client signed in as someone, as their own phone would be. */
async function signedIn(email: string): Promise<{ db: SupabaseClient; id: string }> {
	const db = createClient(process.env.E2E_SUPABASE_URL ?? '', DEFAULT_KEYS.anonKey, CLIENT_OPTIONS);
	const { data, error } = await db.auth.signInWithPassword({ email, password: 'matkhau123' });
	if (error || !data.user) throw new Error(String(error?.message));
	return { db, id: data.user.id };
}

/** A person of the ward with nothing booked and the consents onboarding records. */
async function person(
	admin: SupabaseClient,
	ward: number,
	name: string,
	email: string,
	role: { wants_to_learn?: boolean; can_teach?: boolean } = { wants_to_learn: true }
) {
	const created = await admin.auth.admin.createUser({
		email,
		password: 'matkhau123',
		email_confirm: true
	});
	if (created.error || !created.data.user) throw new Error(String(created.error?.message));
	const { error } = await admin
		.from('profiles')
		.update({
			display_name: name,
			ward_id: ward,
			...role,
			onboarded_at: new Date().toISOString()
		})
		.eq('id', created.data.user.id);
	if (error) throw new Error(error.message);
	await recordConsents(admin, created.data.user.id);
	return created.data.user.id;
}

test('each learner of a VNeID class agrees to the phone card before she is marked present', async ({
	browser
}) => {
	// Two people's pages on a loaded machine, each checked with axe.
	test.setTimeout(180_000);
	const admin = adminClient();
	/** The data of a call, or a thrown error naming what went wrong. */
	async function one<T = { id: number }>(
		q: PromiseLike<{ data: unknown; error: { message: string } | null }>
	): Promise<T> {
		const { data, error } = await q;
		if (error || data === null) throw new Error(String(error?.message));
		return data as T;
	}
	const ward = await one(admin.from('areas').select('id').eq('code', 'HCM-BANCO').single());
	const venue = await one(admin.from('venues').select('id').eq('name_vi', VENUE).single());
	const skill = await one(admin.from('skills').select('id').eq('slug', 'vneid').single());

	const stamp = Date.now();
	await person(admin, ward.id, 'Bà Năm Lan', `the-lan-${stamp}@example.com`);
	const minh = await person(admin, ward.id, 'Ông Sáu Minh', `the-minh-${stamp}@example.com`);
	// A verified volunteer of the ward teaches (nothing else booked, so no clash with other specs);
	// the coordinator holds the tablet.
	const teacher = await person(admin, ward.id, 'Cô Thảo', `the-thao-${stamp}@example.com`, {
		can_teach: true
	});
	await one<unknown>(
		admin
			.from('volunteer_verifications')
			.insert({ profile_id: teacher, ward_id: ward.id })
			.select('profile_id')
	);

	// The coordinator schedules the class in ten minutes (attendance opens half an hour before);
	// Ông Sáu Minh signs up from his phone.
	const coordinator = await signedIn(COORDINATOR);
	// Off the five-minute grid, so the board never lists it beside another spec's class.
	const start = Math.ceil((Date.now() + 10 * 60_000) / 300_000) * 300_000 + 7 * 60_000;
	const classId = await one<number>(
		coordinator.db.rpc('schedule_class', {
			p_venue_id: venue.id,
			p_skill_id: skill.id,
			p_teacher_id: teacher,
			p_capacity: 10,
			p_starts_at: new Date(start).toISOString(),
			p_ends_at: new Date(start + 60 * 60_000).toISOString()
		})
	);
	const minhPhone = await signedIn(`the-minh-${stamp}@example.com`);
	await one<string>(minhPhone.db.rpc('join_class', { p_session_id: classId }));
	expect(minh).toBe(minhPhone.id);

	// 1. Bà Năm Lan signs up and agrees to the card on her own phone.
	const phone = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await signInWithPassword(phone, `the-lan-${stamp}@example.com`);
	await phone.goto('/classes');
	const offer = phone.locator('li.card', { hasText: SKILL }).filter({
		has: phone.locator(`input[name="session_id"][value="${classId}"]`)
	});
	await offer.getByRole('button', { name: `Đăng ký – ${SKILL}` }).click();
	await expect(offer).toContainText('Bạn đã đăng ký lớp này.');
	await expect(offer).toContainText('Bạn có thể đọc và đồng ý thẻ dùng điện thoại');
	await offer.getByRole('link', { name: 'Mở buổi học và thẻ điện thoại' }).click();
	const ownCard = phone.getByTestId('device-card');
	await expect(ownCard.getByRole('heading', { name: 'Thẻ đồng ý dùng điện thoại' })).toBeVisible();
	// Ticks made before the page's JavaScript ran would be reset by it.
	await phone.waitForLoadState('networkidle');
	await ownCard
		.getByLabel('Tôi đồng ý: mã OTP, mật khẩu và mã PIN chỉ do người học tự nhập.')
		.check();
	await ownCard.getByRole('button', { name: 'Tôi đồng ý với thẻ này' }).click();
	await expect(phone.getByText('Đã ghi nhận. Chờ bên kia xác nhận cùng nội dung.')).toBeVisible();

	// 2. The shared tablet: no Present button for a learner whose card is not agreed.
	const tablet = await (
		await browser.newContext({ viewport: { width: 1024, height: 768 } })
	).newPage();
	await signInWithPassword(tablet, COORDINATOR);
	await tablet.goto(`/classes/${classId}/attendance`);
	await expect(tablet.getByRole('heading', { name: 'Điểm danh', level: 1 })).toBeVisible();
	await expect(tablet.getByText('Lớp này cần thẻ đồng ý dùng điện thoại')).toBeVisible();
	const lan = tablet.locator('li.card', { hasText: 'Bà Năm Lan' });
	const minhRow = tablet.locator('li.card', { hasText: 'Ông Sáu Minh' });
	await expect(lan).toContainText('Thẻ điện thoại: người học đã đồng ý, chờ người dạy');
	await expect(minhRow).toContainText('Thẻ điện thoại: chưa đồng ý');
	await expect(tablet.getByRole('button', { name: 'Có mặt – Ông Sáu Minh' })).toHaveCount(0);
	await expectNoAxeViolations(tablet);

	// A forged Present post for him is refused by the database, in words.
	const forged = await tablet.request.post(`/classes/${classId}/attendance?/mark`, {
		form: { profile_id: minh, present: 'true' },
		headers: { origin: new URL(tablet.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(forged.status()).toBe(303);
	await tablet.reload();
	await expect(
		tablet.getByText('Chưa điểm danh được: người học này chưa đồng ý thẻ')
	).toBeVisible();
	await expect(minhRow).toContainText('Chưa điểm danh');

	// 3. Ông Sáu Minh reads the card with the teacher on the tablet.
	await minhRow.getByRole('link', { name: 'Đọc thẻ cùng Ông Sáu Minh' }).click();
	await expect(
		tablet.getByRole('heading', { name: 'Thẻ đồng ý dùng điện thoại', level: 1 })
	).toBeVisible();
	await tablet.waitForLoadState('networkidle');
	await tablet
		.getByLabel('Tôi đồng ý: mã OTP, mật khẩu và mã PIN chỉ do người học tự nhập.')
		.check();
	await tablet.getByLabel('Ông Sáu Minh đã nghe đọc thẻ và tự đồng ý.').check();
	await expectNoAxeViolations(tablet);
	await tablet.screenshot({ path: 'test-results/screens/class-consent-card.png', fullPage: true });
	await tablet.getByRole('button', { name: 'Hai bên đồng ý – ghi nhận' }).click();
	await expect(tablet.getByText('Đã ghi nhận thẻ của Ông Sáu Minh.')).toBeVisible();
	await expect(minhRow).toContainText('Thẻ điện thoại: đã đồng ý trên máy tính bảng');
	await tablet.getByRole('button', { name: 'Có mặt – Ông Sáu Minh' }).click();
	await expect(tablet.getByRole('status').filter({ hasText: 'Đã ghi có mặt.' })).toBeVisible();

	// 4. The teacher confirms Bà Năm Lan's card, the terms she agreed on her phone kept.
	await lan.getByRole('link', { name: 'Đọc thẻ cùng Bà Năm Lan' }).click();
	await expect(
		tablet.getByRole('heading', { name: 'Thẻ đồng ý dùng điện thoại', level: 1 })
	).toBeVisible();
	await tablet.waitForLoadState('networkidle');
	// Her tick on the tablet is required, even though she agreed on her phone.
	await tablet.getByRole('button', { name: 'Hai bên đồng ý – ghi nhận' }).click();
	await expect(tablet.getByText('Người học phải tự đánh dấu đồng ý.')).toBeVisible();
	await tablet
		.getByLabel('Tôi đồng ý: mã OTP, mật khẩu và mã PIN chỉ do người học tự nhập.')
		.check();
	await tablet.getByLabel('Bà Năm Lan đã nghe đọc thẻ và tự đồng ý.').check();
	await tablet.getByRole('button', { name: 'Hai bên đồng ý – ghi nhận' }).click();
	await expect(lan).toContainText('Thẻ điện thoại: đã đồng ý trên điện thoại của người học');
	await tablet.getByRole('button', { name: 'Có mặt – Bà Năm Lan' }).click();
	await expect(tablet.getByText('Có mặt 2/2 người')).toBeVisible();
	await expectNoAxeViolations(tablet);
});
