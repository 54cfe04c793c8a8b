// Ripples, "pay it forward", a ward's chains, groups and rankings through supabase-js, as the people
// who use them and as the curious: a member, another ward's coordinator, a stranger. The ripple of
// a chain of depth 10 that closes into a cycle is exact, and names nobody beyond what they chose.
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
let wardA: number;
let wardB: number;
let skill: number;
let step: number;
let teacher: Person;
let learner: Person;
let coordA: Person;
let coordB: Person;
let stranger: Person;
/** c[2] … c[10]: the rest of the chain teacher → learner → c2 → … → c10 (not signed in). */
const chain: string[] = [];
let hours = 0;

/** A lesson the database would have recorded, written with the service key. */
async function edge(teacherId: string, learnerId: string, ward = wardA, createdAt?: Date) {
	hours += 2;
	const starts = Date.now() - hours * 3_600_000;
	const session = await insertId(admin, 'sessions', {
		skill_id: skill,
		teacher_id: teacherId,
		ward_id: ward,
		place_type: 'home',
		status: 'completed',
		starts_at: new Date(starts).toISOString(),
		ends_at: new Date(starts + 3_600_000).toISOString()
	});
	rows(
		await admin
			.from('teaching_chain')
			.insert({
				teacher_id: teacherId,
				learner_id: learnerId,
				skill_id: skill,
				session_id: session,
				ward_id: ward,
				...(createdAt ? { created_at: createdAt.toISOString() } : {})
			})
			.select('id')
	);
}

/** A lesson accepted by the learner and confirmed with her code, as the app does it. */
async function confirmedLesson(by: Person, to: Person): Promise<number> {
	const request = await insertId(to.db, 'help_requests', { skill_id: skill, place_type: 'home' });
	const starts = Date.now() - 1_800_000;
	const session = await insertId(by.db, 'sessions', {
		request_id: request,
		skill_id: skill,
		teacher_id: by.id,
		ward_id: wardA,
		place_type: 'home',
		starts_at: new Date(starts).toISOString(),
		ends_at: new Date(starts + 3_600_000).toISOString()
	});
	only(
		await by.db
			.from('session_participants')
			.insert({ session_id: session, profile_id: to.id })
			.select('session_id')
	);
	expect(
		(await to.db.rpc('answer_lesson', { p_session_id: session, p_accept: true })).error
	).toBeNull();
	const { code } = only<{ code: string }>(
		await to.db.from('session_codes').select('code').eq('session_id', session)
	);
	expect(
		(await by.db.rpc('confirm_session', { p_session_id: session, p_code: code })).error
	).toBeNull();
	return session;
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	[wardA, wardB] = (await createWards(admin, 'RG', 2)) as [number, number];
	skill = await createSkill(admin, 'rg-vietqr');
	step = await insertId(admin, 'skill_steps', {
		skill_id: skill,
		position: 1,
		title_vi: 'Mở ứng dụng',
		title_en: 'Open the app'
	});
	teacher = await signedInPerson(server, admin, 'rg-teacher@example.test', {
		ward_id: wardA,
		can_teach: true,
		display_name: 'Phạm Văn Dũng'
	});
	learner = await signedInPerson(server, admin, 'rg-learner@example.test', {
		ward_id: wardA,
		wants_to_learn: true,
		display_name: 'Nguyễn Thị Lan',
		phone: '+84901111222'
	});
	coordA = await signedInPerson(server, admin, 'rg-coord-a@example.test', { ward_id: wardA });
	coordB = await signedInPerson(server, admin, 'rg-coord-b@example.test', { ward_id: wardB });
	stranger = await signedInPerson(server, admin, 'rg-stranger@example.test', {
		ward_id: wardB,
		wants_to_learn: true
	});
	rows(
		await admin
			.from('coordinator_assignments')
			.insert([
				{ profile_id: coordA.id, ward_id: wardA },
				{ profile_id: coordB.id, ward_id: wardB }
			])
			.select('profile_id')
	);
	await verifyVolunteers(admin, wardA, [teacher.id]);
	for (let i = 2; i <= 10; i++) {
		const created = await admin.auth.admin.createUser({
			email: `rg-c${i}@example.test`,
			email_confirm: true,
			user_metadata: { display_name: `Trần Văn Người${i}` }
		});
		if (created.error || !created.data.user) throw new Error(String(created.error?.message));
		chain[i] = created.data.user.id;
		only(
			await admin
				.from('profiles')
				.update({
					ward_id: i % 2 ? wardB : wardA,
					phone: `+8490${i}000000`,
					ripple_name_shown: i === 2
				})
				.eq('id', chain[i])
				.select('id')
		);
	}
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('pay it forward', () => {
	it('invites a learner who marked every step "I can do it now", until she offers the skill', async () => {
		const session = await confirmedLesson(teacher, learner);
		expect(rows(await learner.db.rpc('skills_to_pass_on'))).toEqual([]);
		rows(
			await learner.db
				.from('feedback')
				.insert({
					session_id: session,
					author_id: learner.id,
					rating: 5,
					mastered_step_ids: [step]
				})
				.select('id')
		);
		expect(
			rows<{ skill_id: number }>(await learner.db.rpc('skills_to_pass_on')).map((s) => s.skill_id)
		).toEqual([skill]);
		expect(rows(await teacher.db.rpc('skills_to_pass_on'))).toEqual([]);
		expect(rows(await stranger.db.rpc('skills_to_pass_on'))).toEqual([]);
		// She offers to teach it (the offer form makes her a volunteer): the invitation goes.
		only(
			await learner.db
				.from('profiles')
				.update({ can_teach: true })
				.eq('id', learner.id)
				.select('id')
		);
		rows(
			await learner.db
				.from('volunteer_skills')
				.insert({ profile_id: learner.id, skill_id: skill })
				.select('skill_id')
		);
		expect(rows(await learner.db.rpc('skills_to_pass_on'))).toEqual([]);
	});
});

describe('the ripple of a chain of depth 10 that closes into a cycle', () => {
	beforeAll(async () => {
		await edge(learner.id, chain[2]!);
		for (let i = 2; i < 10; i++) await edge(chain[i]!, chain[i + 1]!);
		// The last one teaches the first teacher back, in ward B: a cycle, outside ward A.
		await edge(chain[10]!, teacher.id, wardB);
	});

	it('reaches ten people, one per depth, nobody twice and not the teacher herself', async () => {
		const counts = rows<{ depth: number; people: number }>(await teacher.db.rpc('teaching_ripple'));
		expect(counts.map((c) => [c.depth, Number(c.people)])).toEqual(
			Array.from({ length: 10 }, (_, i) => [i + 1, 1])
		);
		const tree = rows<{ node: number; parent: number; depth: number }>(
			await teacher.db.rpc('my_ripple')
		);
		expect(tree.map((n) => [n.node, n.parent, n.depth])).toEqual(
			Array.from({ length: 10 }, (_, i) => [i + 1, i, i + 1])
		);
	});

	it('names only who chose to show a given name, and never a phone, a full name or an id', async () => {
		const res = await teacher.db.rpc('my_ripple');
		const text = JSON.stringify(res.data);
		expect(text).not.toMatch(/\+84|Nguyễn|Trần|Lan/);
		for (const id of [learner.id, ...chain.filter(Boolean)]) expect(text).not.toContain(id);
		const named = rows<{ node: number; given_name: string | null; ward_name_vi: string }>(res);
		expect(named.filter((n) => n.given_name).map((n) => [n.node, n.given_name])).toEqual([
			[2, 'Người2']
		]);
		expect(named[0]?.ward_name_vi).toBe('Phường 1');
	});

	it('from the middle of the chain, around the cycle: still ten, each once', async () => {
		// The learner: c2 … c10, then the teacher (via the edge in ward B): ten people.
		const counts = rows<{ depth: number; people: number }>(await learner.db.rpc('teaching_ripple'));
		expect(counts.reduce((sum, c) => sum + Number(c.people), 0)).toBe(10);
		expect(Math.max(...counts.map((c) => c.depth))).toBe(10);
	});

	it("is nobody else's to count: a stranger and another ward get nothing, the ward gets counts", async () => {
		expect(rows(await stranger.db.rpc('teaching_ripple', { p_profile_id: teacher.id }))).toEqual(
			[]
		);
		expect(rows(await coordB.db.rpc('teaching_ripple', { p_profile_id: teacher.id }))).toEqual([]);
		expect(rows(await coordA.db.rpc('teaching_ripple', { p_profile_id: teacher.id })).length).toBe(
			10
		);
		const anon = clientFor(server, server.anonKey);
		expect((await anon.rpc('my_ripple')).error?.code).toBe('42501');
	});

	it("shows the ward's chains to its coordinators only", async () => {
		const chains = rows<{ starter_name: string; people: number; depth: number }>(
			await coordA.db.rpc('ward_chains', { p_ward_id: wardA })
		);
		// Ward A's lessons: teacher → learner → c2 → … → c10 (the edge back is in ward B).
		expect(chains).toEqual([
			expect.objectContaining({ starter_name: 'Phạm Văn Dũng', people: 10, depth: 10 })
		]);
		for (const who of [coordB, stranger, learner]) {
			expect((await who.db.rpc('ward_chains', { p_ward_id: wardA })).error?.code).toBe('42501');
		}
	});
});

describe('groups', () => {
	let group: number;
	let award: number;

	it('lets a verified volunteer start a group, which she leads; a stranger cannot start one in ward A', async () => {
		group = await insertId(teacher.db, 'neighbourhood_groups', {
			ward_id: wardA,
			name: 'Chi đoàn khu phố 3',
			kind: 'youth_union'
		});
		const people = rows<{ profile_id: string; role: string }>(
			await teacher.db.rpc('group_people', { p_group_id: group })
		);
		expect(people).toEqual([expect.objectContaining({ profile_id: teacher.id, role: 'leader' })]);
		const refused = await stranger.db
			.from('neighbourhood_groups')
			.insert({ ward_id: wardA, name: 'Nhóm lạ' })
			.select('id');
		expect(refused.error?.code).toBe('42501');
	});

	it('joins by asking: the one asking sees only her own request, the leader approves', async () => {
		rows(
			await learner.db
				.from('group_members')
				.insert({ group_id: group, profile_id: learner.id })
				.select('profile_id')
		);
		expect(
			rows<{ profile_id: string }>(await learner.db.rpc('group_people', { p_group_id: group })).map(
				(p) => p.profile_id
			)
		).toEqual([learner.id]);
		// A stranger cannot let her in, nor see her, nor put himself in as a member.
		expect(rows(await stranger.db.rpc('group_people', { p_group_id: group }))).toEqual([]);
		expect(
			rows(
				await stranger.db
					.from('group_members')
					.update({ status: 'active' })
					.eq('group_id', group)
					.eq('profile_id', learner.id)
					.select('profile_id')
			)
		).toEqual([]);
		const sneak = await stranger.db
			.from('group_members')
			.insert({ group_id: group, profile_id: stranger.id, status: 'active' })
			.select('profile_id');
		expect(sneak.error?.code).toBe('42501');
		expect(rows(await coordB.db.rpc('group_people', { p_group_id: group }))).toEqual([]);
		// The leader sees the request and lets her in.
		expect(
			rows<{ status: string }>(await teacher.db.rpc('group_people', { p_group_id: group })).map(
				(p) => p.status
			)
		).toContain('requested');
		only(
			await teacher.db
				.from('group_members')
				.update({ status: 'active' })
				.eq('group_id', group)
				.eq('profile_id', learner.id)
				.select('profile_id')
		);
		expect(rows(await learner.db.rpc('group_people', { p_group_id: group })).length).toBe(2);
	});

	it("opens nobody's card to someone who only asked to join, but the leader sees theirs", async () => {
		rows(
			await stranger.db
				.from('group_members')
				.insert({ group_id: group, profile_id: stranger.id })
				.select('profile_id')
		);
		expect(
			rows(await stranger.db.rpc('profile_cards', { p_ids: [learner.id, teacher.id] }))
		).toEqual([]);
		expect(rows(await learner.db.rpc('profile_cards', { p_ids: [stranger.id] }))).toEqual([]);
		expect(
			rows<{ id: string }>(await teacher.db.rpc('profile_cards', { p_ids: [stranger.id] })).map(
				(c) => c.id
			)
		).toEqual([stranger.id]);
		// The leader declines; the request is gone.
		only(
			await teacher.db
				.from('group_members')
				.delete()
				.eq('group_id', group)
				.eq('profile_id', stranger.id)
				.select('profile_id')
		);
	});

	it('shows totals to every signed-in person, counts only', async () => {
		const totals = only<{ members: number; lessons: number; badges: number }>(
			await stranger.db.rpc('group_totals', { p_group_id: group })
		);
		expect(totals.members).toBe(2);
		expect(Object.keys(totals).sort()).toEqual(['badges', 'hours', 'lessons', 'members']);
	});

	it('takes an award proposed by the leader to the ward, and only the ward approves it', async () => {
		award = await insertId(teacher.db, 'group_awards', {
			group_id: group,
			title: 'Chi đoàn tiêu biểu',
			reason: 'Dạy 20 cô chú dùng VNeID',
			status: 'proposed'
		});
		const member = await learner.db
			.from('group_awards')
			.insert({ group_id: group, title: 'Tự khen', status: 'proposed' })
			.select('id');
		expect(member.error?.code).toBe('42501');
		expect(rows(await stranger.db.from('group_awards').select('id').eq('id', award))).toEqual([]);
		for (const who of [learner, coordB, teacher]) {
			expect(
				rows(
					await who.db
						.from('group_awards')
						.update({ status: 'approved', awarded_by: who.id })
						.eq('id', award)
						.select('id')
				)
			).toEqual([]);
		}
		only(
			await coordA.db
				.from('group_awards')
				.update({ status: 'approved', awarded_by: coordA.id })
				.eq('id', award)
				.select('id')
		);
		expect(rows(await stranger.db.from('group_awards').select('id').eq('id', award)).length).toBe(
			1
		);
	});

	it('ranks only groups and people who opt in', async () => {
		expect(
			(await stranger.db.rpc('set_group_ranked', { p_group_id: group, p_ranked: true })).data
		).toBe(false);
		expect(
			(await learner.db.rpc('set_group_ranked', { p_group_id: group, p_ranked: true })).data
		).toBe(false);
		const before = rows<{ name: string }>(
			await stranger.db.rpc('ward_rankings', { p_ward_id: wardA })
		);
		expect(before.map((r) => r.name)).not.toContain('Chi đoàn khu phố 3');
		expect(
			(await teacher.db.rpc('set_group_ranked', { p_group_id: group, p_ranked: true })).data
		).toBe(true);
		// Rankings count lessons as badges do, which ignore lessons of brand-new accounts: this one
		// is dated two days after the accounts were made, so it counts.
		await edge(teacher.id, chain[4]!, wardA, new Date(Date.now() + 2 * 86_400_000));
		const after = rows<{ kind: string; name: string; lessons: number }>(
			await stranger.db.rpc('ward_rankings', { p_ward_id: wardA })
		);
		expect(after.map((r) => [r.kind, r.name, r.lessons])).toEqual([
			['group', 'Chi đoàn khu phố 3', 1]
		]);
		only(
			await teacher.db.from('profiles').update({ ranked: true }).eq('id', teacher.id).select('id')
		);
		const withHer = rows<{ kind: string; name: string }>(
			await stranger.db.rpc('ward_rankings', { p_ward_id: wardA })
		);
		expect(withHer.map((r) => [r.kind, r.name])).toEqual([
			['group', 'Chi đoàn khu phố 3'],
			['person', 'Dũng']
		]);
		// Nobody flips another person's flag.
		expect(
			rows(
				await stranger.db
					.from('profiles')
					.update({ ranked: true })
					.eq('id', learner.id)
					.select('id')
			)
		).toEqual([]);
	});

	it('lets a member leave', async () => {
		only(
			await learner.db
				.from('group_members')
				.delete()
				.eq('group_id', group)
				.eq('profile_id', learner.id)
				.select('profile_id')
		);
		expect(rows(await learner.db.rpc('group_people', { p_group_id: group }))).toEqual([]);
	});
});
