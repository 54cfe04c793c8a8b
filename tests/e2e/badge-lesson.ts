// A lesson that earns a badge when it is confirmed, made with the service key: shared by the specs
// that follow a badge from the lesson (credentials, badge-push).
import type { SupabaseClient } from '@supabase/supabase-js';

export const VOLUNTEER = 'tinhnguyen.demo@example.com';
export const VOLUNTEER_ID = '00000000-0000-4000-8000-000000000002';

export function must<T>(res: { data: T; error: { message: string } | null }): NonNullable<T> {
	if (res.error || res.data === null || res.data === undefined) {
		throw new Error(res.error?.message ?? 'no data');
	}
	return res.data as NonNullable<T>;
}

type Words = { vi: string; en: string };

export interface BadgeLesson {
	/** Prefix of the e-mail and slugs, unique per spec. */
	tag: string;
	learnerName: string;
	category: Words;
	skill: Words;
	badge: Words;
	badgeDescription: Words;
}

/**
 * A lesson of a new skill (nobody has taught it), by the demo volunteer to a new neighbour, that
 * began 20 minutes ago and is accepted; a badge for teaching that skill once. Returns the session,
 * its code and the badge.
 */
export async function lessonEarningBadge(admin: SupabaseClient, lesson: BadgeLesson) {
	const slug = `${lesson.tag}-${Date.now()}`;
	const created = await admin.auth.admin.createUser({
		email: `${slug}@example.test`,
		password: 'matkhau123',
		email_confirm: true,
		user_metadata: { display_name: lesson.learnerName }
	});
	const user = created.data.user;
	if (!user) throw new Error(created.error?.message ?? 'no user');
	const volunteer = must(
		await admin.from('profiles').select('ward_id').eq('id', VOLUNTEER_ID).single()
	);
	const category = must(
		await admin
			.from('skill_categories')
			.insert({ slug, name_vi: lesson.category.vi, name_en: lesson.category.en })
			.select('id')
			.single()
	);
	const skill = must(
		await admin
			.from('skills')
			.insert({
				category_id: category.id,
				slug,
				title_vi: lesson.skill.vi,
				title_en: lesson.skill.en
			})
			.select('id')
			.single()
	);
	const badge = must(
		await admin
			.from('badge_definitions')
			.insert({
				slug,
				kind: 'skill_taught',
				threshold: 1,
				skill_id: skill.id,
				name_vi: lesson.badge.vi,
				name_en: lesson.badge.en,
				description_vi: lesson.badgeDescription.vi,
				description_en: lesson.badgeDescription.en
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

/**
 * Badges ignore lessons of day-old accounts (anti-farming), and the neighbour these specs make is
 * new: the rule is relaxed, as a deployment may, until the returned function puts it back.
 */
export async function countYoungAccounts(admin: SupabaseClient): Promise<() => Promise<void>> {
	const rules = must(
		await admin.from('recognition_rules').select('min_account_age').eq('id', true).single()
	);
	const set = async (age: unknown) => {
		must(
			await admin
				.from('recognition_rules')
				.update({ min_account_age: age })
				.eq('id', true)
				.select('id')
				.single()
		);
	};
	await set('0 seconds');
	return () => set(rules.min_account_age);
}
