// A learner invites a volunteer from her match list, in Vietnamese, on two phones: she opens her
// open request, picks the volunteer the match list offers, chooses a time and sends the invitation;
// he finds it in "My lessons" and accepts; the lesson is then scheduled for both. axe on every page
// on the way; screenshots in test-results/screens/invite-*.png.
//
// Two people made for this test (with the service key) at a point of their own, so the demo
// accounts other specs use are left as they were and a repeated run meets nobody from the last one.
import { randomBytes } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { expect, test, type Browser } from '@playwright/test';
import { DEFAULT_KEYS } from '../../supabase/local/config';
import { recordConsents, signInWithPassword } from './helpers';
import { adminClient, CLIENT_OPTIONS } from './push-helpers';
import { expectNoAxeViolations } from './axe';

const PASSWORD = 'mat-khau-e2e-123';
const SCREENS = 'test-results/screens';
const LEARNER_NAME = 'Bà Sáu';
const VOLUNTEER_NAME = 'Cô Hạnh';
const admin = adminClient();

// Two sign-ins, six pages and axe on each: more than the default minute on a shared machine.
test.setTimeout(240_000);

function ok<T>(result: { data: T; error: { message: string } | null }): T {
	if (result.error) throw new Error(result.error.message);
	return result.data;
}

/** A signed-up, onboarded person with the given profile; returns their id, e-mail and client. */
async function person(
	tag: string,
	profile: Record<string, unknown>
): Promise<{ id: string; email: string; db: SupabaseClient }> {
	const email = `${tag}-${randomBytes(4).toString('hex')}@example.com`;
	const made = await admin.auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true
	});
	if (!made.data.user) throw new Error(String(made.error?.message));
	const id = made.data.user.id;
	await recordConsents(admin, id);
	ok(
		await admin
			.from('profiles')
			.update({ ...profile, onboarded_at: new Date().toISOString() })
			.eq('id', id)
	);
	const db = createClient(process.env.E2E_SUPABASE_URL ?? '', DEFAULT_KEYS.anonKey, CLIENT_OPTIONS);
	const signedIn = await db.auth.signInWithPassword({ email, password: PASSWORD });
	if (signedIn.error) throw signedIn.error;
	return { id, email, db };
}

async function phone(browser: Browser) {
	const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
	return context.newPage();
}

test('a learner invites a volunteer from her match list, he accepts, the lesson is booked for both', async ({
	browser
}) => {
	// A place of this run's own, in Ho Chi Minh City: a volunteer from an earlier run is kilometres away.
	const here = { lat: 10.7 + Math.random() * 0.2, lng: 106.6 + Math.random() * 0.2 };
	const { id: ward } = ok(
		await admin.from('areas').select('id').eq('kind', 'ward').order('id').limit(1).single()
	) as { id: number };
	const skill = ok(
		await admin.from('skills').select('id, title_vi').order('id').limit(1).single()
	) as { id: number; title_vi: string };

	const learner = await person('invite-learner', {
		display_name: LEARNER_NAME,
		wants_to_learn: true,
		ward_id: ward
	});
	const volunteer = await person('invite-volunteer', {
		display_name: VOLUNTEER_NAME,
		can_teach: true,
		teaching_radius_m: 2000,
		ward_id: ward
	});
	// He lives 300 m north of where she wants to meet, and teaches this skill.
	ok(
		await admin
			.from('home_locations')
			.insert({ profile_id: volunteer.id, lat: here.lat + 300 / 111_320, lng: here.lng })
	);
	ok(await admin.from('volunteer_skills').insert({ profile_id: volunteer.id, skill_id: skill.id }));
	const request = ok(
		await learner.db
			.from('help_requests')
			.insert({
				learner_id: learner.id,
				ward_id: ward,
				skill_id: skill.id,
				place_type: 'near_point',
				near_lat: here.lat,
				near_lng: here.lng
			})
			.select('id')
			.single()
	) as { id: number };

	// Her request page lists him among the volunteers who suit it.
	const hers = await phone(browser);
	await signInWithPassword(hers, learner.email, PASSWORD);
	await hers.goto(`/requests/${request.id}`);
	const invite = hers.locator(`a[href$="/invite?volunteer=${volunteer.id}"]`);
	await expect(invite).toHaveText(`Mời ${VOLUNTEER_NAME} dạy`);
	await expectNoAxeViolations(hers);
	await hers.screenshot({ path: `${SCREENS}/invite-match-list.png`, fullPage: true });

	// She picks him, chooses a time (tomorrow at 9:00 is offered) and sends the invitation.
	await invite.click();
	await expect(
		hers.getByRole('heading', { level: 1, name: `Mời ${VOLUNTEER_NAME} dạy bạn` })
	).toBeVisible();
	await expect(hers.getByText(`Yêu cầu: ${skill.title_vi}`)).toBeVisible();
	await hers.getByLabel('Ghi chú về nơi gặp (không bắt buộc)').fill('Quán cà phê đầu hẻm');
	await expectNoAxeViolations(hers);
	await hers.screenshot({ path: `${SCREENS}/invite-form.png`, fullPage: true });
	await hers.getByRole('button', { name: 'Gửi lời mời' }).click();
	await expect(hers).toHaveURL(new RegExp(`/requests/${request.id}$`));
	await expect(hers.getByText('Đã gửi lời mời. Khi tình nguyện viên đồng ý')).toBeVisible();
	await expect(
		hers.getByRole('status').filter({ hasText: `Đã mời ${VOLUNTEER_NAME} dạy lúc 09:00` })
	).toContainText('Đang chờ trả lời.');
	await expectNoAxeViolations(hers);
	await hers.screenshot({ path: `${SCREENS}/invite-sent.png`, fullPage: true });

	// He finds the invitation in "My lessons", with her note, and accepts it.
	const his = await phone(browser);
	await signInWithPassword(his, volunteer.email, PASSWORD);
	await his.goto('/lessons');
	const invitations = his.getByRole('region', { name: 'Lời mời dạy học' });
	await expect(invitations).toContainText(skill.title_vi);
	await expect(invitations).toContainText(`${LEARNER_NAME} mời bạn dạy lúc 09:00`);
	await expect(invitations).toContainText('Quán cà phê đầu hẻm');
	await expectNoAxeViolations(his);
	await his.screenshot({ path: `${SCREENS}/invite-received.png`, fullPage: true });
	await invitations.getByRole('button', { name: 'Đồng ý dạy' }).click();

	// The lesson is booked: his lesson page says so, and both see it among their upcoming lessons.
	await expect(his).toHaveURL(/\/lessons\/\d+$/);
	const lessonPath = new URL(his.url()).pathname;
	await expect(his.getByTestId('lesson-status')).toContainText('Đã hẹn');
	await expectNoAxeViolations(his);
	await his.screenshot({ path: `${SCREENS}/invite-accepted.png`, fullPage: true });
	await his.goto('/lessons');
	await expect(his.getByRole('region', { name: 'Lời mời dạy học' })).toHaveCount(0);
	const hisUpcoming = his.getByRole('region', { name: 'Sắp tới' });
	await expect(hisUpcoming.locator(`a[href="${lessonPath}"]`)).toContainText(
		`Bạn dạy ${LEARNER_NAME}`
	);

	await hers.goto('/lessons');
	const herUpcoming = hers.getByRole('region', { name: 'Sắp tới' });
	const lesson = herUpcoming.locator(`a[href="${lessonPath}"]`);
	await expect(lesson).toContainText(skill.title_vi);
	await expect(lesson).toContainText(`Bạn học với ${VOLUNTEER_NAME}`);
	await expectNoAxeViolations(hers);
	await hers.screenshot({ path: `${SCREENS}/invite-lessons.png`, fullPage: true });
	await lesson.click();
	await expect(hers.getByTestId('lesson-status')).toContainText('Đã hẹn');
	await expect(hers.getByText('Quán cà phê đầu hẻm')).toBeVisible();

	await hers.context().close();
	await his.context().close();
});
