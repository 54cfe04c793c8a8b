import { expect, test } from '@playwright/test';
import { adminClient } from './push-helpers';
import { recordConsents, signInWithPassword } from './helpers';
import { expectNoAxeViolations } from './axe';

// The ward board's class, end to end in Vietnamese: the demo coordinator of Bàn Cờ schedules a
// class at the culture house (taught by herself), a learner of the ward signs up on her phone, and
// the coordinator takes attendance on the shared tablet, which completes the class.

const SKILL = 'Định danh điện tử VNeID';
const VENUE = 'Nhà văn hóa Khu phố 3 Bàn Cờ';

/** `YYYY-MM-DD`, `HH:MM` and the page's `HH:MM DD/MM/YYYY` of an instant, in Vietnam. */
function vietnam(at: Date) {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Asia/Ho_Chi_Minh',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(at);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return {
		date: `${get('year')}-${get('month')}-${get('day')}`,
		time: `${get('hour')}:${get('minute')}`,
		shown: `${get('hour')}:${get('minute')} ${get('day')}/${get('month')}/${get('year')}`
	};
}

test('a coordinator schedules a class, a learner signs up, attendance is taken', async ({
	browser
}) => {
	// Three people's pages, each built and checked with axe: longer than one page's default.
	test.setTimeout(150_000);
	const admin = adminClient();
	const { data: ward, error: wardError } = await admin
		.from('areas')
		.select('id')
		.eq('code', 'HCM-BANCO')
		.single();
	if (wardError) throw new Error(wardError.message);

	// A learner of Bàn Cờ with nothing booked yet, so no seeded lesson can clash with the class.
	const email = `lop-hoc-${Date.now()}@example.com`;
	const created = await admin.auth.admin.createUser({
		email,
		password: 'matkhau123',
		email_confirm: true
	});
	if (created.error || !created.data.user) throw new Error(String(created.error?.message));
	const { error: profileError } = await admin
		.from('profiles')
		.update({
			display_name: 'Bà Tư Hoa',
			ward_id: ward.id,
			wants_to_learn: true,
			onboarded_at: new Date().toISOString()
		})
		.eq('id', created.data.user.id);
	if (profileError) throw new Error(profileError.message);
	await recordConsents(admin, created.data.user.id);

	// Attendance opens half an hour before the start: a class in ten minutes can be taken now.
	const start = new Date(Math.ceil((Date.now() + 10 * 60_000) / 300_000) * 300_000);
	const when = vietnam(start);

	// 1. The coordinator schedules the class.
	const board = await (await browser.newContext()).newPage();
	await signInWithPassword(board, 'dieuphoi.demo@example.com');
	await board.goto(`/ward/${ward.id}/classes`);
	await expect(
		board.getByRole('heading', { name: 'Lớp học tại nhà văn hóa', level: 1 })
	).toBeVisible();
	await board.getByLabel('Kỹ năng').selectOption({ label: SKILL });
	await board.getByLabel('Điểm học').selectOption({ label: `${VENUE} (25 chỗ)` });
	await board.getByLabel('Ngày').fill(when.date);
	await board.getByLabel('Giờ bắt đầu').fill(when.time);
	await board.getByLabel('Số chỗ của lớp').fill('12');
	await board.getByLabel('Người dạy').selectOption({ label: 'Lê Thị Thu Hà (điều phối viên)' });
	await board.getByRole('button', { name: 'Mở lớp' }).click();
	await expect(board.getByRole('status')).toHaveText('Đã mở lớp. Người học có thể đăng ký ngay.');
	const card = board.locator('li.card', { hasText: when.shown }).filter({ hasText: SKILL });
	await expect(card).toContainText('Đã đăng ký 0/12 chỗ');
	await expectNoAxeViolations(board);
	await board.screenshot({ path: 'test-results/screens/ward-classes.png', fullPage: true });

	// 2. The learner signs up on her phone.
	const phone = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await signInWithPassword(phone, email);
	await phone.goto('/classes');
	const offer = phone.locator('li.card', { hasText: when.shown }).filter({ hasText: SKILL });
	await expect(offer).toContainText('Còn 12 chỗ');
	await offer.getByRole('button', { name: `Đăng ký – ${SKILL}` }).click();
	await expect(phone.getByRole('status')).toHaveText('Bạn đã đăng ký. Hẹn gặp bạn ở lớp!');
	await expect(offer).toContainText('Bạn đã đăng ký lớp này.');
	await expect(offer).toContainText('Còn 11 chỗ');
	await expectNoAxeViolations(phone);
	await phone.screenshot({ path: 'test-results/screens/class-signup.png', fullPage: true });
	// The learner cannot open the attendance tablet of her own class.
	await board.reload();
	const attendanceLink = card.getByRole('link', { name: 'Điểm danh' });
	const attendanceUrl = await attendanceLink.getAttribute('href');
	const refused = await phone.goto(attendanceUrl ?? '/');
	expect(refused?.status()).toBe(404);

	// 3. Attendance on the shared tablet.
	await expect(card).toContainText('Đã đăng ký 1/12 chỗ');
	await attendanceLink.click();
	await board.setViewportSize({ width: 1024, height: 768 });
	await expect(board.getByRole('heading', { name: 'Điểm danh', level: 1 })).toBeVisible();
	await expect(board.getByText('Có mặt 0/1 người')).toBeVisible();
	// A VNeID class: she agrees to the phone card with the teacher on the tablet first.
	await board.getByRole('link', { name: 'Đọc thẻ cùng Bà Tư Hoa' }).click();
	await expect(board.getByRole('heading', { name: 'Thẻ đồng ý dùng điện thoại' })).toBeVisible();
	await board.waitForLoadState('networkidle');
	await board
		.getByLabel('Tôi đồng ý: mã OTP, mật khẩu và mã PIN chỉ do người học tự nhập.')
		.check();
	await board.getByLabel('Bà Tư Hoa đã nghe đọc thẻ và tự đồng ý.').check();
	await board.getByRole('button', { name: 'Hai bên đồng ý – ghi nhận' }).click();
	await board.getByRole('button', { name: 'Có mặt – Bà Tư Hoa' }).click();
	await expect(board.getByRole('status').filter({ hasText: 'Đã ghi có mặt.' })).toBeVisible();
	await expect(board.getByText('Có mặt 1/1 người')).toBeVisible();
	await expect(board.getByRole('button', { name: 'Vắng – Bà Tư Hoa' })).toBeDisabled();
	await expectNoAxeViolations(board);
	await board.screenshot({ path: 'test-results/screens/class-attendance.png', fullPage: true });

	// The class is completed, so reports and badges count it.
	await board.goto(`/ward/${ward.id}/classes`);
	await expect(card).toContainText('Đã học xong');
});

// A learner tells the ward what went wrong with VNeID; the board sees it counted by service and
// step and downloads the counts as CSV; the board retires a learning material.
test('service feedback reaches the board, which exports it; a material is retired', async ({
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

	const phone = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await signInWithPassword(phone, 'hocvien.demo@example.com');
	await phone.goto('/service-feedback');
	await phone.getByLabel('Cổng Dịch vụ công quốc gia').check();
	await phone.getByLabel('Ở bước nào?').selectOption({ label: 'Thanh toán' });
	await phone
		.getByLabel('Chuyện gì đã xảy ra?')
		.fill('Thanh toán lệ phí xong nhưng hồ sơ vẫn báo chưa nộp.');
	await phone.getByRole('button', { name: 'Gửi góp ý' }).click();
	await expect(phone.getByRole('status')).toHaveText('Cảm ơn bạn! Phường đã nhận góp ý.');
	await expect(
		phone.getByText('Thanh toán lệ phí xong nhưng hồ sơ vẫn báo chưa nộp.')
	).toBeVisible();
	await expectNoAxeViolations(phone);
	await phone.screenshot({ path: 'test-results/screens/service-feedback.png', fullPage: true });

	const board = await (await browser.newContext()).newPage();
	await signInWithPassword(board, 'dieuphoi.demo@example.com');
	await board.goto(`/ward/${ward.id}/service-feedback`);
	const row = board.getByRole('row', { name: /Cổng Dịch vụ công quốc gia Thanh toán/ });
	await expect(row).toHaveText(/1$/);
	await expect(
		board.getByText('Thanh toán lệ phí xong nhưng hồ sơ vẫn báo chưa nộp.')
	).toBeVisible();
	await expectNoAxeViolations(board);
	await board.screenshot({
		path: 'test-results/screens/service-feedback-board.png',
		fullPage: true
	});
	const download = board.waitForEvent('download');
	await board.getByRole('link', { name: 'Tải CSV' }).click();
	const csv = await (await download).createReadStream();
	let text = '';
	for await (const chunk of csv) text += String(chunk);
	expect(text).toContain('ward_id,from,to,service,step,reports');
	expect(text).toContain(`${ward.id},,,public_service_portal,pay,1`);

	await board.goto(`/ward/${ward.id}/materials`);
	const guide = board.locator('li.card', {
		hasText: 'Hướng dẫn từng bước: đăng nhập VNeID trên điện thoại mới'
	});
	await guide.getByRole('button', { name: /^Ngừng dùng/ }).click();
	await expect(board.getByRole('status')).toHaveText('Đã ngừng dùng học liệu.');
	await expect(guide).toContainText('đã ngừng dùng');
	await expectNoAxeViolations(board);
	await board.screenshot({ path: 'test-results/screens/materials.png', fullPage: true });
	await guide.getByRole('button', { name: /^Dùng lại/ }).click();
	await expect(board.getByRole('status')).toHaveText('Học liệu đã được dùng lại.');
});

// The board changes a class people signed up for (never below their number), then cancels it; a
// learner who reads English is told in English, with the board's reason.
test('a coordinator changes a class and then cancels it; the learners are told', async ({
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
	const stamp = Date.now();
	const library = `Thư viện Bàn Cờ ${stamp}`;
	const { error: venueError } = await admin.from('venues').insert({
		ward_id: ward.id,
		kind: 'library',
		name_vi: library,
		address: '12 Nguyễn Thiện Thuật',
		lat: 10.7712,
		lng: 106.6815,
		capacity: 30
	});
	if (venueError) throw new Error(venueError.message);
	const learners: { id: string; email: string }[] = [];
	for (const [i, locale] of (['en', 'vi'] as const).entries()) {
		const email = `lop-doi-${stamp}-${i}@example.com`;
		const created = await admin.auth.admin.createUser({
			email,
			password: 'matkhau123',
			email_confirm: true
		});
		if (created.error || !created.data.user) throw new Error(String(created.error?.message));
		const { error: profileError } = await admin
			.from('profiles')
			.update({
				display_name: `Học viên ${i}`,
				ward_id: ward.id,
				wants_to_learn: true,
				locale,
				onboarded_at: new Date().toISOString()
			})
			.eq('id', created.data.user.id);
		if (profileError) throw new Error(profileError.message);
		await recordConsents(admin, created.data.user.id);
		learners.push({ id: created.data.user.id, email });
	}

	// Two days ahead, on a five-minute mark, so nothing seeded clashes.
	const start = new Date(Math.ceil((Date.now() + 2 * 86_400_000 + 7 * 60_000) / 300_000) * 300_000);
	const when = vietnam(start);
	const later = vietnam(new Date(start.getTime() + 3_600_000));

	const board = await (await browser.newContext()).newPage();
	await signInWithPassword(board, 'dieuphoi.demo@example.com');
	await board.goto(`/ward/${ward.id}/classes`);
	await board.getByLabel('Kỹ năng').selectOption({ label: SKILL });
	await board.getByLabel('Điểm học').selectOption({ label: `${VENUE} (25 chỗ)` });
	await board.getByLabel('Ngày').fill(when.date);
	await board.getByLabel('Giờ bắt đầu').fill(when.time);
	await board.getByLabel('Số chỗ của lớp').fill('12');
	await board.getByLabel('Người dạy').selectOption({ label: 'Lê Thị Thu Hà (điều phối viên)' });
	await board.getByRole('button', { name: 'Mở lớp' }).click();
	await expect(board.getByRole('status')).toHaveText('Đã mở lớp. Người học có thể đăng ký ngay.');

	// The two learners take a place (as the sign-up page would; that path has its own test).
	const { data: made, error: madeError } = await admin
		.from('sessions')
		.select('id')
		.eq('ward_id', ward.id)
		.eq('kind', 'class')
		.eq('starts_at', start.toISOString())
		.single();
	if (madeError) throw new Error(madeError.message);
	const { error: seatError } = await admin
		.from('session_participants')
		.insert(learners.map((l) => ({ session_id: made.id, profile_id: l.id, status: 'accepted' })));
	if (seatError) throw new Error(seatError.message);

	await board.reload();
	const card = board.locator('li.card', { hasText: when.shown }).filter({ hasText: SKILL });
	await expect(card).toContainText('Đã đăng ký 2/12 chỗ');
	await card.getByRole('link', { name: /^Sửa hoặc huỷ/ }).click();
	const change = board.locator('#class-change');
	await expect(change.getByRole('heading', { level: 2 })).toContainText(SKILL);
	await expect(change).toContainText('Đã có 2 người đăng ký');

	// Fewer seats than people signed up: refused, in words, with what was typed kept.
	await change.getByLabel('Số chỗ của lớp').fill('1');
	await change.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await expect(change.getByRole('alert')).toContainText(
		'Số chỗ không được ít hơn số người đã đăng ký.'
	);
	await expect(change.getByLabel('Số chỗ của lớp')).toHaveValue('1');

	await change.getByLabel('Số chỗ của lớp').fill('2');
	await change.getByLabel('Điểm học').selectOption({ label: `${library} (30 chỗ)` });
	await change.getByLabel('Giờ bắt đầu').fill(later.time);
	await expectNoAxeViolations(board);
	await board.screenshot({ path: 'test-results/screens/class-change.png', fullPage: true });
	await change.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await expect(board.getByRole('status').first()).toHaveText('Đã lưu. Người đăng ký đã được báo.');
	const moved = board.locator('li.card', { hasText: later.shown }).filter({ hasText: library });
	await expect(moved).toContainText('Đã đăng ký 2/2 chỗ');

	// Cancel, with a reason for the learners.
	await moved.getByRole('link', { name: /^Sửa hoặc huỷ/ }).click();
	await board.getByRole('button', { name: 'Huỷ lớp' }).click();
	await expect(board.getByRole('alert').first()).toBeVisible();
	await board.getByLabel('Lý do huỷ').fill('Nhà văn hóa sửa mái');
	await board.getByRole('button', { name: 'Huỷ lớp' }).click();
	await expect(board.getByRole('status').first()).toHaveText(
		'Đã huỷ lớp. Người đăng ký đã được báo.'
	);
	await expect(moved).toContainText('Đã hủy');
	await expect(moved.getByRole('link', { name: /^Sửa hoặc huỷ/ })).toHaveCount(0);

	// The English-reading learner hears it in English, with the reason.
	const phone = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	// Her profile says English: after signing in (on the Vietnamese page) the app speaks English.
	await phone.goto('/sign-in?method=email');
	const signIn = phone.locator('form', {
		has: phone.getByRole('button', { name: 'Đăng nhập bằng mật khẩu' })
	});
	await signIn.getByLabel('E-mail').fill(learners[0]!.email);
	await signIn.getByLabel('Mật khẩu').fill('matkhau123');
	await signIn.getByRole('button').click();
	await expect(phone.getByRole('link', { name: 'My profile' })).toBeVisible();
	await phone.goto('/notifications');
	await expect(phone.getByText('Reason: Nhà văn hóa sửa mái')).toBeVisible();
	await expect(phone.getByText(/Lesson cancelled/).first()).toBeVisible();
	await phone.screenshot({
		path: 'test-results/screens/class-cancelled-notice.png',
		fullPage: true
	});
});
