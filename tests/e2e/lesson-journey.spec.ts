// A lesson from proposal to feedback, in Vietnamese, with two people on two phones: the demo
// volunteer proposes a lesson for the demo learner's open request (online medical booking), she
// accepts, her phone shows the code, he types it, both lessons are completed and she says what she
// can do now. axe on every lesson page on the way.
import { expect, test, type Browser } from '@playwright/test';
import { signInWithPassword } from './helpers';
import { adminClient, deliverPush, dueReminder, expectShown } from './push-helpers';
import { expectNoAxeViolations } from './axe';

const LEARNER = 'hocvien.demo@example.com';
const LEARNER_ID = '00000000-0000-4000-8000-000000000001';
const VOLUNTEER = 'tinhnguyen.demo@example.com';
const SKILL = 'Đặt lịch khám bệnh trực tuyến';
const VENUE = 'Nhà văn hóa Khu phố 3 Bàn Cờ – Hẻm Nguyễn Thiện Thuật, Phường Bàn Cờ';

async function phone(browser: Browser) {
	const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
	return context.newPage();
}

/** A start a few minutes from now, in Vietnam, as the date and time inputs take it. */
function soonInVietnam(minutes = 10): { date: string; time: string } {
	const start = new Date(Date.now() + minutes * 60_000);
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Asia/Ho_Chi_Minh',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(start);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return {
		date: `${get('year')}-${get('month')}-${get('day')}`,
		time: `${get('hour')}:${get('minute')}`
	};
}

// The second test files a request for the skill whose request the first one completed.
test.describe.configure({ mode: 'serial' });
// Two sign-ins, six pages and axe on each: more than the default minute on a shared machine.
test.setTimeout(240_000);

test('a volunteer proposes, the learner accepts, both confirm with the code, feedback is saved', async ({
	browser
}) => {
	// The learner's open request, as she sees it.
	const learner = await phone(browser);
	await signInWithPassword(learner, LEARNER);
	await learner.goto('/requests');
	await learner
		.getByRole('link', { name: new RegExp(SKILL) })
		.first()
		.click();
	await expect(learner).toHaveURL(/\/requests\/\d+$/);
	const requestId = /\/requests\/(\d+)/.exec(learner.url())?.[1] ?? '';

	// The volunteer finds it in his nearby list and proposes a lesson at its venue, soon.
	const volunteer = await phone(browser);
	await signInWithPassword(volunteer, VOLUNTEER);
	await volunteer.goto('/nearby');
	await volunteer.locator(`a[href$="/lessons/new?request=${requestId}"]`).click();
	await expect(
		volunteer.getByRole('heading', { name: 'Đề xuất buổi học', level: 1 })
	).toBeVisible();
	await expect(volunteer.getByText(`Yêu cầu: ${SKILL}`)).toBeVisible();
	await expectNoAxeViolations(volunteer);

	// A place that needs words refuses to go without them, and keeps what was chosen. The lesson
	// is in 70 minutes, so its 1-hour reminder is still to come.
	const { date, time } = soonInVietnam(70);
	await volunteer.getByLabel('Ngày').fill(date);
	await volunteer.getByLabel('Giờ bắt đầu (giờ Việt Nam)').fill(time);
	await volunteer.getByLabel('Thời lượng').selectOption({ label: '30 phút' });
	await volunteer.getByLabel('Tại một nơi công cộng khác').check();
	await volunteer.getByRole('button', { name: 'Gửi lời mời' }).click();
	await expect(volunteer.getByRole('alert')).toContainText('Hãy ghi rõ nơi gặp.');
	await expect(volunteer.getByLabel('Giờ bắt đầu (giờ Việt Nam)')).toHaveValue(time);
	await expectNoAxeViolations(volunteer);
	await volunteer.getByLabel('Tại một địa điểm trong danh sách').check();
	await volunteer.getByLabel('Ghi chú về nơi gặp').fill('Bàn số 2, cạnh cửa sổ');
	await volunteer.getByRole('button', { name: 'Gửi lời mời' }).click();
	await expect(volunteer).toHaveURL(/\/lessons\/\d+\?proposed=1$/);
	await expect(volunteer.getByText('Đã gửi lời mời.')).toBeVisible();
	await expect(volunteer.getByTestId('lesson-status')).toContainText('Đang chờ trả lời');
	// Nothing exact before she accepts: the meeting note waits.
	await expect(volunteer.getByText('Bàn số 2, cạnh cửa sổ')).toHaveCount(0);
	await expectNoAxeViolations(volunteer);
	const lessonUrl = new URL(volunteer.url()).pathname;

	// She finds the proposal first in "my lessons" and accepts it.
	await learner.goto('/');
	await learner.getByRole('link', { name: 'Buổi học của tôi' }).first().click();
	const waiting = learner.getByRole('region', { name: 'Đang chờ bạn trả lời' });
	await expect(waiting).toContainText(SKILL);
	await expectNoAxeViolations(learner);
	await waiting
		.getByRole('link', { name: new RegExp(SKILL) })
		.first()
		.click();
	await expect(learner).toHaveURL(new RegExp(`${lessonUrl}$`));
	await expect(learner.getByText('Bàn số 2, cạnh cửa sổ')).toHaveCount(0);
	await expectNoAxeViolations(learner);
	await learner.getByRole('button', { name: 'Đồng ý' }).click();
	await expect(learner.getByText('Bạn đã đồng ý. Buổi học đã được hẹn.')).toBeVisible();
	await expect(learner.getByTestId('lesson-status')).toContainText('Đã hẹn');
	await expect(learner.getByText('Ghi chú: Bàn số 2, cạnh cửa sổ')).toBeVisible();

	// The lesson is scheduled, so her reminders wait in the outbox. When the hour comes, the 1-hour
	// reminder reaches her phone's service worker (delivered as the push service would), in
	// Vietnamese, and opens this lesson.
	await learner.context().grantPermissions(['notifications']);
	const sessionId = Number(lessonUrl.split('/').pop());
	const reminder = await dueReminder(adminClient(), LEARNER_ID, sessionId);
	await deliverPush(learner, reminder.payload);
	const shown = await expectShown(learner, `n${reminder.id}`);
	expect(shown.title).toBe(`Một giờ nữa bắt đầu: ${SKILL}`);
	expect(shown.lang).toBe('vi');
	expect(shown.data?.url).toBe(lessonUrl);

	// An hour passes: the lesson moves an hour closer, as the clock would, and can be confirmed.
	const admin = adminClient();
	const { data: lesson } = await admin
		.from('sessions')
		.select('starts_at, ends_at')
		.eq('id', sessionId)
		.single();
	const earlier = (at: string) => new Date(Date.parse(at) - 3_600_000).toISOString();
	const moved = await admin
		.from('sessions')
		.update({ starts_at: earlier(lesson?.starts_at), ends_at: earlier(lesson?.ends_at) })
		.eq('id', sessionId)
		.select('id');
	expect(moved.data).toHaveLength(1);

	// Her phone shows the code in big digits and as a QR code.
	const code = (await learner.getByTestId('lesson-code').innerText()).trim();
	expect(code).toMatch(/^\d{6}$/);
	await expect(learner.getByRole('img', { name: 'Mã QR để người dạy quét' })).toBeVisible();
	await expectNoAxeViolations(learner);

	// He types a wrong code first (told how many tries are left), then scans hers.
	await volunteer.goto(lessonUrl);
	await expect(volunteer.getByText('Ghi chú: Bàn số 2, cạnh cửa sổ')).toBeVisible();
	const wrong = code === '000000' ? '111111' : '000000';
	await volunteer.getByLabel('Mã 6 số').fill(wrong);
	await volunteer.getByRole('button', { name: 'Xác nhận', exact: true }).click();
	await expect(volunteer.getByRole('alert')).toContainText('Mã chưa đúng. Bạn còn 4 lần thử.');
	// Scanning her QR code opens this form with her code filled in.
	await volunteer.goto(`${lessonUrl}?code=${code}#confirm`);
	await expect(volunteer.getByLabel('Mã 6 số')).toHaveValue(code);
	await volunteer.getByRole('button', { name: 'Xác nhận', exact: true }).click();
	await expect(volunteer.getByText('Đã xác nhận. Buổi học đã hoàn thành.')).toBeVisible();
	await expect(volunteer.getByTestId('lesson-status')).toContainText('Đã hoàn thành');
	await expectNoAxeViolations(volunteer);

	// She gives feedback: stars, a word, and the steps she can do on her own now.
	await learner.reload();
	await expect(learner.getByTestId('lesson-status')).toContainText('Đã hoàn thành');
	await learner.getByLabel('5 sao').check();
	const steps = learner.getByRole('group', { name: 'Giờ tôi tự làm được:' }).getByRole('checkbox');
	await steps.first().check();
	await learner.getByLabel('Nhận xét (nếu có)').fill('Cháu chỉ rất dễ hiểu.');
	await expectNoAxeViolations(learner);
	await learner.getByRole('button', { name: 'Gửi nhận xét' }).click();
	await expect(learner.getByText('Cảm ơn bạn đã nhận xét!')).toBeVisible();
	await expect(learner.getByText('Bạn đã nhận xét: 5 sao.')).toBeVisible();

	// And the lesson now sits under "past" in her list.
	await learner.goto('/lessons');
	await expect(learner.getByRole('region', { name: 'Đã qua' })).toContainText(SKILL);
});

test('without JavaScript, the learner files a request, accepts the lesson, and cancels it after he moved it', async ({
	browser
}) => {
	// Her phone runs no JavaScript; his does. Runs after the first test, which completed her
	// earlier request for this skill.
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 360, height: 800 }
	});
	const learner = await context.newPage();
	await signInWithPassword(learner, LEARNER);
	await learner.goto('/requests/new');
	await learner.getByLabel(SKILL).check();
	await learner.getByLabel('Tại một địa điểm công cộng').check();
	await learner.getByLabel('Địa điểm', { exact: true }).selectOption({ label: VENUE });
	await learner
		.getByRole('group', { name: 'Ngày thường (thứ Hai – thứ Sáu)' })
		.getByLabel('Tối')
		.check();
	await learner.getByRole('button', { name: 'Gửi yêu cầu' }).click();
	await expect(learner).toHaveURL(/\/requests\/\d+\?new=1$/);
	const requestId = /\/requests\/(\d+)/.exec(learner.url())?.[1] ?? '';

	const volunteer = await phone(browser);
	await signInWithPassword(volunteer, VOLUNTEER);
	await volunteer.goto(`/lessons/new?request=${requestId}`);
	// Three hours on, clear of the first test's lesson (which is completed anyway).
	const { date, time } = soonInVietnam(180);
	await volunteer.getByLabel('Ngày').fill(date);
	await volunteer.getByLabel('Giờ bắt đầu (giờ Việt Nam)').fill(time);
	await volunteer.getByLabel('Tại một địa điểm trong danh sách').check();
	await volunteer.getByRole('button', { name: 'Gửi lời mời' }).click();
	await expect(volunteer).toHaveURL(/\/lessons\/\d+\?proposed=1$/);
	const lessonUrl = new URL(volunteer.url()).pathname;

	await learner.goto(lessonUrl);
	await learner.getByRole('button', { name: 'Đồng ý' }).click();
	// Post-redirect-get: back on the lesson, which says so.
	await expect(learner).toHaveURL(new RegExp(`${lessonUrl}$`));
	await expect(learner.getByText('Bạn đã đồng ý. Buổi học đã được hẹn.')).toBeVisible();
	await expect(learner.getByTestId('lesson-status')).toContainText('Đã hẹn');

	// He moves it an hour later, saying why.
	await volunteer.goto(lessonUrl);
	await volunteer.getByRole('heading', { name: 'Đổi giờ' }).click();
	const later = soonInVietnam(240);
	await volunteer.getByLabel('Ngày').fill(later.date);
	await volunteer.getByLabel('Giờ bắt đầu (giờ Việt Nam)').fill(later.time);
	await volunteer.getByLabel('Vì sao đổi giờ?').fill('Tôi có giờ học ở trường');
	await volunteer.getByRole('button', { name: 'Đổi giờ' }).click();
	await expect(volunteer.getByText('Đã đổi giờ. Mọi người đã được báo.')).toBeVisible();
	await expect(volunteer.getByTestId('lesson-status')).toContainText('Đã hẹn');

	// She cannot come after all: cancelling asks for a reason first, still without JavaScript.
	await learner.goto(lessonUrl);
	await learner.getByRole('heading', { name: 'Huỷ buổi học' }).click();
	await learner.getByRole('button', { name: 'Huỷ buổi học' }).click();
	await expect(learner.getByText('Hãy cho biết lý do.')).toBeVisible();
	await learner.getByLabel('Vì sao huỷ?').fill('Tôi phải đi khám bệnh');
	await learner.getByRole('button', { name: 'Huỷ buổi học' }).click();
	await expect(learner.getByText('Đã huỷ buổi học. Mọi người đã được báo.')).toBeVisible();
	await expect(learner.getByTestId('lesson-status')).toContainText('Đã huỷ');
	await expect(learner.getByText('Lý do: Tôi phải đi khám bệnh')).toBeVisible();
	await context.close();
});
