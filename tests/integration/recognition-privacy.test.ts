// Recognition as a curious or scheming signed-in person tries it, through supabase-js: badges are
// private until shown, groups are joined by asking a leader, a leader cannot crown their own group,
// and lessons with a brand-new account or the same person again and again earn no badge.
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

let server: TestSupabase;
let admin: SupabaseClient;
let ward: number;
let skill: number;
let leader: Person;
let member: Person;
let curious: Person;
let groupId: number;
let firstBadge: number;

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	[ward] = (await createWards(admin, 'RC', 1)) as [number];
	skill = await createSkill(admin, 'rc-vneid');
	firstBadge = await insertId(admin, 'badge_definitions', {
		slug: 'rc-first',
		kind: 'sessions_taught',
		threshold: 1,
		name_vi: 'Buổi đầu',
		name_en: 'First lesson'
	});
	leader = await signedInPerson(server, admin, 'rc-leader@example.test', {
		ward_id: ward,
		can_teach: true
	});
	member = await signedInPerson(server, admin, 'rc-member@example.test', {
		ward_id: ward,
		wants_to_learn: true
	});
	curious = await signedInPerson(server, admin, 'rc-curious@example.test', {
		ward_id: ward,
		wants_to_learn: true
	});
	await verifyVolunteers(admin, ward, [leader.id]);
	groupId = await insertId(admin, 'neighbourhood_groups', { ward_id: ward, name: 'Tổ 7' });
	for (const [who, role] of [
		[leader, 'leader'],
		[member, 'member']
	] as const) {
		only(
			await admin
				.from('group_members')
				.insert({ group_id: groupId, profile_id: who.id, role, status: 'active' })
				.select('profile_id')
		);
	}
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

/** A lesson that began half an hour ago, accepted by the learner and confirmed with her code. */
async function confirmedLesson(teacher: Person, learner: Person) {
	const request = await insertId(learner.db, 'help_requests', {
		skill_id: skill,
		place_type: 'home'
	});
	const starts = Date.now() - 1_800_000;
	const session = await insertId(teacher.db, 'sessions', {
		request_id: request,
		skill_id: skill,
		teacher_id: teacher.id,
		ward_id: ward,
		place_type: 'home',
		starts_at: new Date(starts).toISOString(),
		ends_at: new Date(starts + 3_600_000).toISOString()
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
	const confirmed = await teacher.db.rpc('confirm_session', {
		p_session_id: session,
		p_code: code
	});
	expect((confirmed.data as { outcome: string }[])[0]?.outcome).toBe('confirmed');
}

async function hasBadge(who: Person): Promise<boolean> {
	const res = await admin
		.from('badge_awards')
		.select('id')
		.eq('profile_id', who.id)
		.eq('badge_id', firstBadge);
	return rows(res).length > 0;
}

describe('recognition through supabase-js', () => {
	it('earns no badge for a lesson with an account made today, by the rules everyone can read', async () => {
		const rules = only<{ min_account_age: string; max_lessons_per_pair: number }>(
			await curious.db.from('recognition_rules').select('min_account_age, max_lessons_per_pair')
		);
		expect(rules).toEqual({ min_account_age: '24:00:00', max_lessons_per_pair: 3 });
		const tuned = await leader.db
			.from('recognition_rules')
			.update({ min_account_age: '0 seconds' })
			.eq('id', true);
		expect(tuned.error?.code).toBe('42501'); // nobody relaxes the rules for themselves

		await confirmedLesson(leader, member); // every account here was made a moment ago
		expect(await hasBadge(leader)).toBe(false);

		// The deployment may tune the rule (here: to nothing), and the next lesson counts.
		only(
			await admin
				.from('recognition_rules')
				.update({ min_account_age: '0 seconds' })
				.eq('id', true)
				.select('id')
		);
		await confirmedLesson(leader, curious);
		expect(await hasBadge(leader)).toBe(true);
	});

	it('keeps badges private until their owner shows them', async () => {
		const award = only<{ id: number }>(
			await leader.db.from('badge_awards').select('id').eq('badge_id', firstBadge)
		);
		const leaders = () => curious.db.from('badge_awards').select('id').eq('profile_id', leader.id);
		expect(rows(await leaders())).toEqual([]);

		const forged = await curious.db.from('badge_awards').update({ shown: true }).eq('id', award.id);
		expect(forged.error).toBeNull();
		expect(rows(await leaders())).toEqual([]);

		const backdated = await leader.db
			.from('badge_awards')
			.update({ awarded_at: '2020-01-01T00:00:00Z' })
			.eq('id', award.id);
		expect(backdated.error?.code).toBe('42501');

		only(
			await leader.db.from('badge_awards').update({ shown: true }).eq('id', award.id).select('id')
		);
		expect(rows(await leaders())).toEqual([{ id: award.id }]);
	});

	it('lets people into a group only by asking, and only a leader lets them in', async () => {
		const sneak = await curious.db
			.from('group_members')
			.insert({ group_id: groupId, profile_id: curious.id, status: 'active' });
		expect(sneak.error?.code).toBe('42501');
		const drafted = await leader.db
			.from('group_members')
			.insert({ group_id: groupId, profile_id: curious.id });
		expect(drafted.error?.code).toBe('42501'); // a leader cannot add people without asking them

		only(
			await curious.db
				.from('group_members')
				.insert({ group_id: groupId, profile_id: curious.id })
				.select('status')
		);
		// Asking shows only one's own request, never the member list.
		expect(rows(await curious.db.from('group_members').select('profile_id'))).toEqual([
			{ profile_id: curious.id }
		]);

		const byMember = await member.db
			.from('group_members')
			.update({ status: 'active' })
			.eq('profile_id', curious.id)
			.select('profile_id');
		expect(rows(byMember)).toEqual([]);

		only(
			await leader.db
				.from('group_members')
				.update({ status: 'active' })
				.eq('profile_id', curious.id)
				.select('profile_id')
		);
		expect(rows(await curious.db.from('group_members').select('profile_id'))).toHaveLength(3);
	});

	it('lets a leader propose an award that only the ward can approve', async () => {
		const crowned = await leader.db
			.from('group_awards')
			.insert({ group_id: groupId, title: 'Tự khen' });
		expect(crowned.error?.code).toBe('42501');

		const proposal = only<{ id: number; awarded_by: string | null; proposed_by: string }>(
			await leader.db
				.from('group_awards')
				.insert({ group_id: groupId, title: 'Tổ tiêu biểu', status: 'proposed' })
				.select('id, awarded_by, proposed_by')
		);
		expect(proposal).toMatchObject({ awarded_by: null, proposed_by: leader.id });

		const selfApproved = await leader.db
			.from('group_awards')
			.update({ status: 'approved', awarded_by: leader.id })
			.eq('id', proposal.id)
			.select('id');
		expect(rows(selfApproved)).toEqual([]);
		expect(rows(await member.db.from('group_awards').select('id').eq('group_id', groupId))).toEqual(
			[]
		);
	});
});
