// Matching end to end in Vietnamese: a learner in Phường Bàn Cờ asks for help and sees ranked
// volunteers with reasons; the demo volunteer finds that request in the list and on the map; a
// verified volunteer registers a neighbour without a smartphone, who later claims the account with
// a phone of their own and the code. axe on every new page; screenshots in test-results/screens.
import { expect, test, type Page } from '@playwright/test';
import { newPhone, signInWithPhone } from './helpers';
import { expectNoAxeViolations } from './axe';

const SCREENS = 'test-results/screens';
const VENUE = 'Nhà văn hóa Khu phố 3 Bàn Cờ – Hẻm Nguyễn Thiện Thuật, Phường Bàn Cờ';
const VOLUNTEER = { typed: '090 000 0002', e164: '+84900000002' };
/** The account code the volunteer wrote down for the neighbour (test 3), typed by them in test 4. */
let claimCode = '';

async function shoot(page: Page, name: string) {
	await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
}

async function onboardInBanCo(page: Page, name: string) {
	await expect(page.getByRole('heading', { name: 'Chào mừng bạn!' })).toBeVisible();
	await page.getByLabel('Tên gọi').fill(name);
	await page.getByLabel('Tôi muốn học').check();
	await page.getByLabel('Phường, xã nơi bạn ở').selectOption({ label: 'Phường Bàn Cờ' });
	await page.getByLabel(/điều khoản sử dụng/).check();
	await page.getByLabel(/xử lý dữ liệu cá nhân/).check();
	await page.getByRole('button', { name: 'Lưu và bắt đầu' }).click();
	await expect(page).not.toHaveURL(/\/onboarding/);
}

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 360, height: 800 } });
// Sign-in, several pages and axe on each: more than the default minute on a shared machine.
test.setTimeout(240_000);

test('a learner near Phường Bàn Cờ asks for help and sees ranked volunteers with reasons', async ({
	page,
	request
}) => {
	const phone = newPhone();
	await page.goto('/sign-in');
	await signInWithPhone(page, request, phone.typed, phone.e164);
	await onboardInBanCo(page, 'Bà Tư');

	// Home: "Ask for help" is the main button, and the empty state says what to do.
	await page.goto('/');
	await expect(page.getByText('Bạn chưa nhờ giúp điều gì.')).toBeVisible();
	await shoot(page, 'home-learner-empty');
	await page.getByRole('link', { name: 'Nhờ giúp đỡ' }).first().click();
	await expect(page.getByRole('heading', { name: 'Nhờ giúp đỡ', level: 1 })).toBeVisible();
	await expectNoAxeViolations(page);

	// Submitting nothing lists what is missing, in Vietnamese.
	await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
	await expect(page.getByRole('alert')).toContainText('Vui lòng chọn điều bạn muốn học.');
	await expect(page.getByRole('alert')).toContainText('Vui lòng chọn ít nhất một buổi thuận tiện.');
	await expectNoAxeViolations(page);

	// Searching without tone marks finds the skill (search_skills on the server).
	await page.getByLabel('Tìm kỹ năng (gõ không dấu cũng được)').fill('dat lich kham');
	await page.getByRole('button', { name: 'Tìm', exact: true }).click();
	await expect(page).toHaveURL(/q=dat\+lich\+kham/);
	await page.getByLabel('Đặt lịch khám bệnh trực tuyến').check();
	await page.getByLabel('Tại một địa điểm công cộng').check();
	await page.getByLabel('Địa điểm', { exact: true }).selectOption({ label: VENUE });
	await page
		.getByRole('group', { name: 'Ngày thường (thứ Hai – thứ Sáu)' })
		.getByLabel('Tối')
		.check();
	await page.getByLabel('Tôi cần chữ to').check();
	await page.getByLabel(/Ghi chú cho người dạy/).fill('Tôi muốn đặt lịch ở Bệnh viện Chợ Rẫy.');
	await shoot(page, 'ask-for-help-filled');
	await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();

	await expect(page.getByText('Đã gửi yêu cầu.')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Tình nguyện viên phù hợp' })).toBeVisible();
	const matches = page.locator('.match');
	await expect(matches.first()).toBeVisible();
	// Reasons in Vietnamese from the row's facts: a rounded distance, then free time or experience.
	await expect(matches.first().locator('.why')).toHaveText(/^[\d,.]+ k?m · /);
	await expect(page.locator('.match', { hasText: 'Trần Minh Khang' })).toContainText('đã dạy');
	await expectNoAxeViolations(page);
	await shoot(page, 'request-matches');

	// My requests: the new one is open and can be changed or cancelled.
	await page.goto('/requests');
	await expect(page.getByText('Đang tìm người dạy')).toBeVisible();
	await expectNoAxeViolations(page);
	await shoot(page, 'my-requests');
});

test('the volunteer sees that request in the nearby list and on the map', async ({
	page,
	request
}) => {
	await page.goto('/sign-in');
	await signInWithPhone(page, request, VOLUNTEER.typed, VOLUNTEER.e164);
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Người cần giúp quanh đây' })).toBeVisible();
	await shoot(page, 'home-volunteer');

	await page.getByRole('navigation').getByRole('link', { name: 'Quanh đây' }).click();
	const item = page.locator('.request', { hasText: 'Đặt lịch khám bệnh trực tuyến' }).filter({
		hasText: 'Nhà văn hóa Khu phố 3 Bàn Cờ'
	});
	await expect(item.first()).toBeVisible();
	await expectNoAxeViolations(page);
	await shoot(page, 'nearby-list');

	await page.getByRole('link', { name: 'Xem trên bản đồ' }).click();
	const map = page.getByRole('application', { name: /Bản đồ người cần giúp/ });
	await expect(map.locator('.cell-requests, .marker-cluster').first()).toBeVisible();
	await expect(map.locator('.leaflet-marker-icon[title^="Nhà văn hóa"]').first()).toBeAttached();
	// No tiles on these machines: the map says why it is blank.
	await expect(page.getByText(/Bản đồ không có nền/)).toBeVisible();
	await expect(page.locator('.list-column .request').first()).toBeVisible();
	await expectNoAxeViolations(page);
	await shoot(page, 'nearby-map');

	// Filtering by the skill keeps the request.
	await page.getByLabel('Chỉ xem kỹ năng').selectOption({ label: 'Đặt lịch khám bệnh trực tuyến' });
	await page.getByRole('button', { name: 'Xem', exact: true }).click();
	await expect(page).toHaveURL(/skill=\d+/);
	await expect(page.locator('.list-column .request').first()).toContainText('Đặt lịch khám bệnh');

	await page.goto('/offer');
	await expect(page.getByRole('heading', { name: 'Tôi có thể dạy' })).toBeVisible();
	await expectNoAxeViolations(page);
	await shoot(page, 'offer');
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByText('Đã lưu. Cảm ơn bạn!')).toBeVisible();
});

test('a verified volunteer registers a neighbour without a smartphone', async ({
	page,
	request
}) => {
	await page.goto('/sign-in');
	await signInWithPhone(page, request, VOLUNTEER.typed, VOLUNTEER.e164);
	await page.goto('/assisted/new');
	await expect(page.getByRole('heading', { name: /Đăng ký giúp người/ })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Đăng ký và nhờ giúp đỡ' }).click();
	await expect(page.getByRole('alert')).toContainText('Cần có sự đồng ý trực tiếp của người học.');

	await page.getByLabel('Tên gọi của người học').fill('Ông Sáu');
	await page.getByLabel('Phường, xã nơi bạn ở').selectOption({ label: 'Phường Bàn Cờ' });
	await page
		.getByLabel('Họ muốn học điều gì?')
		.selectOption({ label: 'Đặt lịch khám bệnh trực tuyến' });
	await page.getByLabel('sáng ngày thường').check();
	await page.getByLabel(/họ đồng ý trực tiếp/).check();
	await shoot(page, 'assisted-filled');
	await page.getByRole('button', { name: 'Đăng ký và nhờ giúp đỡ' }).click();

	const done = page.getByRole('status').filter({ hasText: 'Đã đăng ký Ông Sáu' });
	await expect(done).toContainText(/Mã nhận tài khoản: [A-Z2-9]{8}/);
	claimCode = /Mã nhận tài khoản: ([A-Z2-9]{8})/.exec(await done.innerText())?.[1] ?? '';
	await expectNoAxeViolations(page);
	await shoot(page, 'assisted-done');
	await page.getByRole('link', { name: 'Xem yêu cầu và tình nguyện viên phù hợp' }).click();
	await expect(page.getByRole('heading', { name: 'Tình nguyện viên phù hợp' })).toBeVisible();

	// Where the code is later: the helper's list, where a lost or expired code is replaced.
	await page.goto('/assisted/new');
	await page.getByRole('link', { name: 'Người bạn đã đăng ký giúp và mã của họ' }).click();
	const person = page.locator('.person', { hasText: 'Ông Sáu' }).first();
	await expect(person).toContainText('Chưa nhận tài khoản');
	await expectNoAxeViolations(page);
	// A lost code is replaced: the new one is shown once, the old one stops working.
	await person.getByRole('button', { name: 'Tạo mã mới cho Ông Sáu' }).click();
	const reissued = page.getByRole('status').filter({ hasText: 'Mã mới cho Ông Sáu' });
	await expect(reissued).toContainText(/Mã mới cho Ông Sáu: [A-Z2-9]{8}/);
	const fresh = /Mã mới cho Ông Sáu: ([A-Z2-9]{8})/.exec(await reissued.innerText())?.[1] ?? '';
	expect(fresh).not.toBe(claimCode);
	claimCode = fresh;
	await expectNoAxeViolations(page);
	await shoot(page, 'assisted-people');
});

test('the neighbour signs in with a phone of their own and claims the account by code', async ({
	page,
	request
}) => {
	expect(claimCode).toMatch(/^[A-Z2-9]{8}$/);
	const phone = newPhone();
	await page.goto('/sign-in');
	await signInWithPhone(page, request, phone.typed, phone.e164);
	await expect(page).toHaveURL(/\/onboarding/);
	await page.getByRole('link', { name: /Nhận tài khoản bằng mã/ }).click();
	await expect(
		page.getByRole('heading', { name: 'Nhận tài khoản đã được đăng ký giúp' })
	).toBeVisible();
	await expectNoAxeViolations(page);

	// A wrong code is refused in plain words, and counted.
	await page.getByLabel('Mã nhận tài khoản').fill('zzzz zzzz');
	await page.getByRole('button', { name: 'Nhận tài khoản', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Mã không đúng hoặc đã hết hạn');
	await expectNoAxeViolations(page);
	await shoot(page, 'claim-wrong-code');

	// Typed as people do: lower case, with a space.
	await page
		.getByLabel('Mã nhận tài khoản')
		.fill(`${claimCode.slice(0, 4)} ${claimCode.slice(4)}`.toLowerCase());
	await page.getByRole('button', { name: 'Nhận tài khoản', exact: true }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Tài khoản đã là của bạn' })
	).toBeVisible();
	await shoot(page, 'claim-done');
	await page.getByRole('link', { name: 'Xem yêu cầu của tôi' }).click();
	await expect(page.getByText('Đặt lịch khám bệnh trực tuyến').first()).toBeVisible();
	await expectNoAxeViolations(page);
	await shoot(page, 'claim-requests');
});
