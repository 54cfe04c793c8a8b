// Recognition that travels, through supabase-js as people (and a curious neighbour) use it: fifty
// lessons of one teacher confirmed at once each award a badge exactly once and announce it once;
// the public verification by token says only what the owner shows; the ward's recognition list
// is for its own coordinators, names no phone, and every export lands in the audit log.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import {
	BOOT_TIMEOUT,
	clientFor,
	createSkill,
	createWards,
	insertId,
	only,
	rows,
	signedInPerson,
	verifyVolunteers,
	type Person
} from './helpers';

const LESSONS = 50;
const PHONE = '+84907654321';
const MINUTES = 25;

let server: TestSupabase;
let admin: SupabaseClient;
let wardA: number;
let wardB: number;
let skill: number;
let teacher: Person;
let learners: Person[];
let coordA: Person;
let coordB: Person;
let badgeIds: Record<string, number>;

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	[wardA, wardB] = (await createWards(admin, 'CR', 2)) as [number, number];
	skill = await createSkill(admin, 'cr-vneid');
	badgeIds = {};
	for (const [slug, kind, threshold] of [
		['cr-first', 'sessions_taught', 1],
		['cr-ten', 'sessions_taught', 10],
		['cr-fifty', 'sessions_taught', LESSONS],
		['cr-people', 'distinct_learners', 25],
		['cr-month', 'monthly_streak', 1],
		['cr-learned', 'skills_learned', 1]
	] as const) {
		badgeIds[slug] = await insertId(admin, 'badge_definitions', {
			slug,
			kind,
			threshold,
			name_vi: `Huy hiệu ${slug}`,
			name_en: `Badge ${slug}`
		});
	}
	// Every account here is a moment old: let the deployment's rule count them (as in production
	// after a day), so the test is about concurrency, not about the anti-farming rule.
	only(
		await admin
			.from('recognition_rules')
			.update({ min_account_age: '0 seconds' })
			.eq('id', true)
			.select('id')
	);
	teacher = await signedInPerson(server, admin, 'cr-teacher@example.test', {
		ward_id: wardA,
		can_teach: true,
		display_name: 'Nguyễn Văn Dạy',
		phone: PHONE
	});
	await verifyVolunteers(admin, wardA, [teacher.id]);
	learners = await inBatches(
		Array.from({ length: LESSONS }, (_, i) => i),
		(i) =>
			signedInPerson(server, admin, `cr-learner-${i}@example.test`, {
				ward_id: wardA,
				wants_to_learn: true
			})
	);
	coordA = await signedInPerson(server, admin, 'cr-coord-a@example.test', { ward_id: wardA });
	coordB = await signedInPerson(server, admin, 'cr-coord-b@example.test', { ward_id: wardB });
	rows(
		await admin
			.from('coordinator_assignments')
			.insert([
				{ profile_id: coordA.id, ward_id: wardA },
				{ profile_id: coordB.id, ward_id: wardB }
			])
			.select('profile_id')
	);
}, BOOT_TIMEOUT * 2);

/** Set-up work ten at a time (the set-up is not what is tested; the confirmations are). */
async function inBatches<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
	const out: R[] = [];
	for (let i = 0; i < items.length; i += 10) {
		out.push(...(await Promise.all(items.slice(i, i + 10).map(work))));
	}
	return out;
}

afterAll(async () => {
	await server?.stop();
});

/**
 * A 25-minute lesson that ended within the last day (a lesson is confirmed within a day), none
 * overlapping, accepted by the learner; returns the session and the learner's code.
 */
async function acceptedLesson(learner: Person, nth: number) {
	const request = await insertId(learner.db, 'help_requests', {
		skill_id: skill,
		place_type: 'home'
	});
	const starts = Date.now() - (nth + 1) * 28 * 60_000;
	const session = await insertId(teacher.db, 'sessions', {
		request_id: request,
		skill_id: skill,
		teacher_id: teacher.id,
		ward_id: wardA,
		place_type: 'home',
		starts_at: new Date(starts).toISOString(),
		ends_at: new Date(starts + MINUTES * 60_000).toISOString()
	});
	only(
		await teacher.db
			.from('session_participants')
			.insert({ session_id: session, profile_id: learner.id })
			.select('session_id')
	);
	const answered = await learner.db.rpc('answer_lesson', { p_session_id: session, p_accept: true });
	expect(answered.error).toBeNull();
	const { code } = only<{ code: string }>(
		await learner.db.from('session_codes').select('code').eq('session_id', session)
	);
	return { session, code };
}

async function awardsOf(profileId: string) {
	return rows<{ id: number; badge_id: number; verify_token: string; shown: boolean }>(
		await admin
			.from('badge_awards')
			.select('id, badge_id, verify_token, shown')
			.eq('profile_id', profileId)
	);
}

describe('credentials through supabase-js', () => {
	it('fifty lessons of one teacher confirmed at once: all succeed, each badge once, each announced once', async () => {
		const lessons = await inBatches([...learners.entries()], ([i, learner]) =>
			acceptedLesson(learner, i)
		);

		const results = await Promise.all(
			lessons.map(({ session, code }) =>
				teacher.db.rpc('confirm_session', { p_session_id: session, p_code: code })
			)
		);
		expect(results.map((r) => r.error)).toEqual(lessons.map(() => null));
		expect(results.map((r) => (r.data as { outcome: string }[])[0]?.outcome)).toEqual(
			lessons.map(() => 'confirmed')
		);

		const awards = await awardsOf(teacher.id);
		const perBadge = (id: number | undefined) => awards.filter((a) => a.badge_id === id).length;
		for (const slug of ['cr-first', 'cr-ten', 'cr-fifty', 'cr-people', 'cr-month']) {
			expect({ slug, count: perBadge(badgeIds[slug]) }).toEqual({ slug, count: 1 });
		}
		expect(perBadge(badgeIds['cr-learned'])).toBe(0);
		for (const learner of learners) {
			const mine = await awardsOf(learner.id);
			const ours = mine.filter((a) => Object.values(badgeIds).includes(a.badge_id));
			expect(ours.map((a) => a.badge_id)).toEqual([badgeIds['cr-learned']]);
		}

		// Announced in the same transactions: one notice per award, no more, in the push outbox.
		const notices = rows<{ params: { award_id: number }; push_sent_at: string | null }>(
			await teacher.db
				.from('notifications')
				.select('params, push_sent_at')
				.eq('kind', 'badge_awarded')
		);
		expect(notices.map((n) => n.params.award_id).sort((a, b) => a - b)).toEqual(
			awards.map((a) => a.id).sort((a, b) => a - b)
		);
		expect(notices.every((n) => n.push_sent_at === null)).toBe(true);
		const teacherBadges = rows<{ award_id: number | null; current: number; slug: string }>(
			await teacher.db.rpc('my_badges')
		).filter((b) => b.slug === 'cr-fifty');
		expect(teacherBadges).toMatchObject([{ current: LESSONS }]);
	}, 240_000);

	it('verifies an award by its token only as far as its owner shows it', async () => {
		const [award] = await awardsOf(teacher.id);
		if (!award) throw new Error('no award');
		expect(award.verify_token).toMatch(/^[0-9a-f]{64}$/);

		const anon = clientFor(server, server.anonKey);
		for (const client of [anon, learners[0]!.db]) {
			const tried = await client.rpc('award_by_token', { p_token: award.verify_token });
			expect(tried.error?.code).toBe('42501');
		}
		const byToken = () => admin.rpc('award_by_token', { p_token: award.verify_token });
		expect(rows(await byToken())).toEqual([
			{
				shown: false,
				slug: null,
				kind: null,
				name_vi: null,
				name_en: null,
				description_vi: null,
				description_en: null,
				awarded_at: null,
				display_name: null
			}
		]);
		// A stranger cannot show it for him; he can.
		await learners[1]!.db.from('badge_awards').update({ shown: true }).eq('id', award.id);
		expect(only<{ shown: boolean }>(await byToken()).shown).toBe(false);
		only(
			await teacher.db.from('badge_awards').update({ shown: true }).eq('id', award.id).select('id')
		);
		expect(only(await byToken())).toMatchObject({ shown: true, display_name: 'Nguyễn Văn Dạy' });
		expect(JSON.stringify(only(await byToken()))).not.toContain('907654321');
	});

	it('gives the recognition list to the ward’s own coordinators only, without phones, audited', async () => {
		const month = new Intl.DateTimeFormat('en-CA', {
			timeZone: 'Asia/Ho_Chi_Minh',
			year: 'numeric',
			month: '2-digit'
		})
			.format(new Date())
			.slice(0, 7);
		const list = (db: SupabaseClient, ward: number) =>
			db.rpc('ward_recognition', { p_ward_id: ward, p_month: month, p_format: 'csv' });

		const mine = rows<{ profile_id: string; lessons: number; minutes: number; learners: number }>(
			await list(coordA.db, wardA)
		);
		expect(mine.find((r) => r.profile_id === teacher.id)).toMatchObject({
			lessons: LESSONS,
			learners: LESSONS,
			minutes: LESSONS * MINUTES
		});
		expect(mine).toHaveLength(LESSONS + 1); // the teacher and every learner (a badge each)
		expect(JSON.stringify(mine)).not.toContain('907654321');
		expect(Object.keys(mine[0] ?? {}).sort()).toEqual(
			[
				'badges_en',
				'badges_vi',
				'display_name',
				'learners',
				'lessons',
				'minutes',
				'profile_id'
			].sort()
		);

		for (const [who, ward] of [
			[coordB.db, wardA],
			[teacher.db, wardA],
			[learners[0]!.db, wardA],
			[clientFor(server, server.anonKey), wardA]
		] as const) {
			const refused = await list(who, ward);
			expect(refused.error?.code).toBe('42501');
		}
		expect(rows(await list(coordB.db, wardB))).toEqual([]);

		const audit = rows<{ actor_id: string; action: string; record_key: string }>(
			await admin
				.from('audit_log')
				.select('actor_id, action, record_key')
				.eq('table_name', 'recognition_list')
				.order('id')
		);
		expect(audit).toEqual([
			{ actor_id: coordA.id, action: 'export', record_key: `${wardA}:${month}` },
			{ actor_id: coordB.id, action: 'export', record_key: `${wardB}:${month}` }
		]);
	});
});
