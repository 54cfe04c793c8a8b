// A badge earned reaches the phone: the demo volunteer confirms a lesson with the learner's code,
// the database awards a badge and writes its notice; the notice's payload, built from the outbox
// row exactly as the push worker builds it, is delivered to the page's real service worker over
// CDP (ServiceWorker.deliverPushMessage), shown in Vietnamese, and its click target opens that
// badge on the badges page.
import { expect, test } from '@playwright/test';
import {
	countYoungAccounts,
	lessonEarningBadge,
	must,
	VOLUNTEER,
	VOLUNTEER_ID
} from './badge-lesson';
import { signInWithPassword } from './helpers';
import {
	adminClient,
	deliverPush,
	expectShown,
	workerPayload,
	type OutboxRow
} from './push-helpers';

const BADGE = 'Người dạy gọi xe công nghệ';

const LESSON = {
	tag: 'badge-push',
	learnerName: 'Chú Sáu',
	category: { vi: 'Đi lại', en: 'Getting around' },
	skill: { vi: 'Gọi xe công nghệ', en: 'Ride-hailing apps' },
	badge: { vi: BADGE, en: 'Taught ride-hailing' },
	badgeDescription: {
		vi: 'Dạy một người gọi xe công nghệ',
		en: 'Taught someone to use a ride-hailing app'
	}
};

test.setTimeout(180_000);

test('a badge earned by completing a lesson reaches the service worker in Vietnamese and opens the badge', async ({
	page,
	context
}) => {
	const admin = adminClient();
	const restoreRules = await countYoungAccounts(admin);
	try {
		const lesson = await lessonEarningBadge(admin, LESSON);
		await context.grantPermissions(['notifications']);
		await signInWithPassword(page, VOLUNTEER);
		await page.goto(`/lessons/${lesson.id}`);
		await page.getByLabel('Mã 6 số').fill(lesson.code);
		await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
		await expect(page.getByTestId('new-badges').getByText(BADGE)).toBeVisible();

		// The award and its notice, written by the database in the completing transaction.
		const award = must(
			await admin
				.from('badge_awards')
				.select('id')
				.eq('profile_id', VOLUNTEER_ID)
				.eq('badge_id', lesson.badgeId)
				.single()
		);
		const notice = must(
			await admin
				.from('notifications')
				.select('id, kind, title, body, url, params, session_id')
				.eq('profile_id', VOLUNTEER_ID)
				.eq('dedupe_key', `badge-award:${award.id}`)
				.single()
		) as Omit<OutboxRow, 'locale'>;
		expect(notice.kind).toBe('badge_awarded');
		expect(notice.url).toBe(`/badges#award-${award.id}`);

		// The push, as the worker would send it, handed to this phone's service worker.
		await deliverPush(page, workerPayload({ ...notice, locale: 'vi' }));
		const shown = await expectShown(page, `n${notice.id}`);
		expect(shown.title).toBe(`Huy hiệu mới: ${BADGE}`);
		expect(shown.body).toBe(
			`Chúc mừng! Bạn vừa nhận huy hiệu “${BADGE}”. Mở để xem và chọn có cho mọi người thấy không.`
		);
		expect(shown.lang).toBe('vi');
		expect(shown.data?.url).toBe(`/badges#award-${award.id}`);

		// A tap opens what the service worker's click handler resolves for it (clickTarget): the
		// badges page at that award's card.
		const target = await page.evaluate(({ url }) => new URL(url, location.origin).href, {
			url: shown.data?.url ?? ''
		});
		await page.goto(target);
		const card = page.locator(`#award-${award.id}`);
		await expect(card).toBeVisible();
		await expect(card.getByRole('heading', { name: BADGE })).toBeVisible();
		expect(await card.evaluate((el) => el.matches(':target'))).toBe(true);
	} finally {
		await restoreRules();
	}
});
