// A badge earned reaches the phone: the demo volunteer confirms a lesson with the learner's code,
// the database awards a badge and writes its notice; the notice's payload, built from the outbox
// row exactly as the push worker builds it, is delivered to the page's real service worker over
// CDP (ServiceWorker.deliverPushMessage), shown in Vietnamese, and its click target opens that
// badge on the badges page.
import { expect, test } from '@playwright/test';
import { signInWithPassword } from './helpers';
import {
	adminClient,
	deliverPush,
	expectShown,
	workerPayload,
	type OutboxRow
} from './push-helpers';

const VOLUNTEER = 'tinhnguyen.demo@example.com';
const VOLUNTEER_ID = '00000000-0000-4000-8000-000000000002';
const BADGE = 'Người dạy gọi xe công nghệ';

function must<T>(res: { data: T; error: { message: string } | null }): NonNullable<T> {
	if (res.error || res.data === null || res.data === undefined) {
		throw new Error(res.error?.message ?? 'no data');
	}
	return res.data as NonNullable<T>;
}

/**
 * A lesson of a skill nobody has taught, by the demo volunteer to a new neighbour, that began 20
 * minutes ago and is accepted; a badge for teaching that skill once. Returns the session and code.
 */
async function lessonToConfirm() {
	const admin = adminClient();
	const stamp = Date.now();
	const created = await admin.auth.admin.createUser({
		email: `badge-push-${stamp}@example.test`,
		password: 'matkhau123',
		email_confirm: true,
		user_metadata: { display_name: 'Chú Sáu' }
	});
	const user = created.data.user;
	if (!user) throw new Error(created.error?.message ?? 'no user');
	const volunteer = must(
		await admin.from('profiles').select('ward_id').eq('id', VOLUNTEER_ID).single()
	);
	const category = must(
		await admin
			.from('skill_categories')
			.insert({ slug: `e2e-ride-${stamp}`, name_vi: 'Đi lại', name_en: 'Getting around' })
			.select('id')
			.single()
	);
	const skill = must(
		await admin
			.from('skills')
			.insert({
				category_id: category.id,
				slug: `e2e-ride-${stamp}`,
				title_vi: 'Gọi xe công nghệ',
				title_en: 'Ride-hailing apps'
			})
			.select('id')
			.single()
	);
	const badge = must(
		await admin
			.from('badge_definitions')
			.insert({
				slug: `e2e-ride-${stamp}`,
				kind: 'skill_taught',
				threshold: 1,
				skill_id: skill.id,
				name_vi: BADGE,
				name_en: 'Taught ride-hailing',
				description_vi: 'Dạy một người gọi xe công nghệ',
				description_en: 'Taught someone to use a ride-hailing app'
			})
			.select('id')
			.single()
	);
	const venue = must(
		await admin.from('venues').select('id').eq('ward_id', volunteer.ward_id).limit(1).single()
	);
	const starts = Date.now() - 20 * 60_000;
	const session = must(
		await admin
			.from('sessions')
			.insert({
				skill_id: skill.id,
				teacher_id: VOLUNTEER_ID,
				ward_id: volunteer.ward_id,
				place_type: 'venue',
				venue_id: venue.id,
				starts_at: new Date(starts).toISOString(),
				ends_at: new Date(starts + 45 * 60_000).toISOString()
			})
			.select('id')
			.single()
	);
	must(
		await admin
			.from('session_participants')
			.insert({ session_id: session.id, profile_id: user.id, status: 'accepted' })
			.select('session_id')
			.single()
	);
	must(
		await admin
			.from('sessions')
			.update({ status: 'scheduled' })
			.eq('id', session.id)
			.select('id')
			.single()
	);
	const { code } = must(
		await admin.from('session_codes').select('code').eq('session_id', session.id).single()
	);
	return { id: session.id as number, code: code as string, badgeId: badge.id as number };
}

test.setTimeout(180_000);

test('a badge earned by completing a lesson reaches the service worker in Vietnamese and opens the badge', async ({
	page,
	context
}) => {
	// The neighbour's account is new: badges ignore lessons with day-old accounts, so the rule is
	// relaxed for this lesson (as a deployment may) and put back afterwards.
	const admin = adminClient();
	const rules = must(
		await admin.from('recognition_rules').select('min_account_age').eq('id', true).single()
	);
	must(
		await admin
			.from('recognition_rules')
			.update({ min_account_age: '0 seconds' })
			.eq('id', true)
			.select('id')
			.single()
	);
	try {
		const lesson = await lessonToConfirm();
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
		must(
			await admin
				.from('recognition_rules')
				.update({ min_account_age: rules.min_account_age })
				.eq('id', true)
				.select('id')
				.single()
		);
	}
});
