// Recognition as a scheming signed-in person tries it through supabase-js: a hidden badge is read
// by nobody else by any path (table, embedding, shown_badges, profile_cards, group totals, the
// verification function); a shown one only by those who see the owner's card; and a group keeps
// a leader against every path a member or leader might try.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import {
	BOOT_TIMEOUT,
	clientFor,
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
let teacher: Person;
let learner: Person;
let neighbour: Person;
let outsider: Person;
let coordinator: Person;
let award: { id: number; verify_token: string };
let group: number;

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	[wardA, wardB] = (await createWards(admin, 'RG', 2)) as [number, number];
	teacher = await signedInPerson(server, admin, 'rg-teacher@example.test', {
		ward_id: wardA,
		can_teach: true
	});
	learner = await signedInPerson(server, admin, 'rg-learner@example.test', { ward_id: wardA });
	neighbour = await signedInPerson(server, admin, 'rg-neighbour@example.test', { ward_id: wardA });
	outsider = await signedInPerson(server, admin, 'rg-outsider@example.test', { ward_id: wardB });
	coordinator = await signedInPerson(server, admin, 'rg-coord@example.test', { ward_id: wardA });
	await verifyVolunteers(admin, wardA, [teacher.id]);
	only(
		await admin
			.from('coordinator_assignments')
			.insert({ profile_id: coordinator.id, ward_id: wardA })
			.select('profile_id')
	);
	const badge = await insertId(admin, 'badge_definitions', {
		slug: 'rg-first',
		kind: 'skills_learned',
		threshold: 1,
		name_vi: 'Học kỹ năng đầu tiên',
		name_en: 'First skill learned'
	});
	award = only(
		await admin
			.from('badge_awards')
			.insert({ badge_id: badge, profile_id: learner.id })
			.select('id, verify_token')
	);
	// The teacher leads a group the learner and the outsider joined: a reason to see each other.
	group = await insertId(teacher.db, 'neighbourhood_groups', { ward_id: wardA, name: 'Tổ 3' });
	for (const who of [learner, outsider]) {
		only(
			await who.db
				.from('group_members')
				.insert({ group_id: group, profile_id: who.id })
				.select('profile_id')
		);
	}
	rows(
		await teacher.db
			.from('group_members')
			.update({ status: 'active' })
			.eq('group_id', group)
			.eq('status', 'requested')
			.select('profile_id')
	);
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

/** Every path a signed-in person has to another person's award; a count of what each gave. */
async function whatCanBeRead(who: Person) {
	const table = rows(await who.db.from('badge_awards').select('id').eq('profile_id', learner.id));
	const byId = rows(await who.db.from('badge_awards').select('id').eq('id', award.id));
	const embedded = rows<{ badge_awards: unknown[] }>(
		await who.db.from('profiles').select('id, badge_awards (id)').eq('id', learner.id)
	).flatMap((p) => p.badge_awards);
	const shown = rows(await who.db.rpc('shown_badges', { p_ids: [learner.id] }));
	const cards = rows<{ badge_count: number }>(
		await who.db.rpc('profile_cards', { p_ids: [learner.id] })
	);
	const totals = rows<{ badges: number }>(await who.db.rpc('group_totals', { p_group_id: group }));
	return {
		table: table.length,
		byId: byId.length,
		embedded: embedded.length,
		shown: shown.length,
		cardCount: cards.reduce((n, c) => n + Number(c.badge_count), 0),
		groupCount: totals.reduce((n, t) => n + t.badges, 0)
	};
}

const NOTHING = { table: 0, byId: 0, embedded: 0, shown: 0, cardCount: 0, groupCount: 0 };

describe('a badge is seen only where its owner chose', () => {
	it('a hidden award is read by no one else, by any path', async () => {
		for (const who of [teacher, neighbour, outsider]) {
			expect(await whatCanBeRead(who)).toEqual(NOTHING);
		}
		const { error } = await teacher.db.rpc('award_by_token', { p_token: award.verify_token });
		expect(error?.code).toBe('42501');
		const flipped = await teacher.db
			.from('badge_awards')
			.update({ shown: true })
			.eq('id', award.id)
			.select('id');
		expect(rows(flipped)).toHaveLength(0);
	});

	it('her own board counts it; she does too', async () => {
		const mine = rows<{ badge_count: number }>(
			await learner.db.rpc('profile_cards', { p_ids: [learner.id] })
		);
		expect(Number(mine[0]?.badge_count)).toBe(1);
		expect(
			rows(await coordinator.db.from('badge_awards').select('id').eq('id', award.id))
		).toHaveLength(1);
	});

	it('once shown: those who see her card read it, and nobody else', async () => {
		only(
			await learner.db.from('badge_awards').update({ shown: true }).eq('id', award.id).select('id')
		);
		// Her group's leader and a fellow member (of another ward) see her card; a neighbour of
		// her ward who shares nothing with her does not.
		for (const who of [teacher, outsider]) {
			expect(await whatCanBeRead(who)).toEqual({
				table: 1,
				byId: 1,
				// Her profile row itself is not theirs to read (her card comes from profile_cards).
				embedded: 0,
				shown: 1,
				cardCount: 1,
				groupCount: 1
			});
		}
		expect(await whatCanBeRead(neighbour)).toEqual({ ...NOTHING, groupCount: 1 });
		expect(
			rows(await neighbour.db.from('badge_awards').select('id').eq('shown', true))
		).toHaveLength(0);
	});
});

describe('a group always has a leader', () => {
	it('whoever creates a group leads it, a coordinator too, and names nobody else creator', async () => {
		const made = await insertId(coordinator.db, 'neighbourhood_groups', {
			ward_id: wardA,
			name: 'Chi hội 1'
		});
		const me = only<{ role: string; status: string }>(
			await coordinator.db
				.from('group_members')
				.select('role, status')
				.eq('group_id', made)
				.eq('profile_id', coordinator.id)
		);
		expect(me).toEqual({ role: 'leader', status: 'active' });
		const { error } = await coordinator.db
			.from('neighbourhood_groups')
			.insert({ ward_id: wardA, name: 'Chi hội 2', created_by: learner.id });
		expect(error?.code).toBe('42501');
	});

	it('a member cannot make themself leader, by the table or the functions', async () => {
		const promoted = await learner.db
			.from('group_members')
			.update({ role: 'leader' })
			.eq('group_id', group)
			.eq('profile_id', learner.id)
			.select('role');
		expect(rows(promoted)).toHaveLength(0);
		const self = await learner.db.rpc('hand_over_group', { p_group_id: group, p_to: learner.id });
		expect(self.error?.code).toBe('42501');
		const take = await learner.db.rpc('answer_group_leadership', {
			p_group_id: group,
			p_accept: true
		});
		expect(take.error?.details).toBe('no_offer');
		const direct = await learner.db
			.from('neighbourhood_groups')
			.update({ handover_to: learner.id })
			.eq('id', group);
		expect(direct.error?.code).toBe('42501');
		const joinAsLeader = await neighbour.db
			.from('group_members')
			.insert({ group_id: group, profile_id: neighbour.id, role: 'leader' });
		expect(joinAsLeader.error?.code).toBe('42501');
	});

	it('the leadership goes to no one outside the group, nor to a member of another ward', async () => {
		const toStranger = await teacher.db.rpc('hand_over_group', {
			p_group_id: group,
			p_to: neighbour.id
		});
		expect(toStranger.error?.details).toBe('not_member');
		const toOtherWard = await teacher.db.rpc('hand_over_group', {
			p_group_id: group,
			p_to: outsider.id
		});
		expect(toOtherWard.error?.details).toBe('other_ward');
	});

	it('the last leader cannot go by any path until the leadership is accepted by a member', async () => {
		const leave = await teacher.db
			.from('group_members')
			.delete()
			.eq('group_id', group)
			.eq('profile_id', teacher.id);
		expect(leave.error?.details).toBe('last_leader');
		const removed = await coordinator.db
			.from('group_members')
			.delete()
			.eq('group_id', group)
			.eq('profile_id', teacher.id);
		expect(removed.error?.details).toBe('last_leader');
		const demoted = await coordinator.db
			.from('group_members')
			.update({ role: 'member' })
			.eq('group_id', group)
			.eq('profile_id', teacher.id);
		expect(demoted.error?.details).toBe('last_leader');

		expect(
			(await teacher.db.rpc('hand_over_group', { p_group_id: group, p_to: learner.id })).error
		).toBeNull();
		// An offer makes nobody leader: the teacher still cannot leave.
		const early = await teacher.db
			.from('group_members')
			.delete()
			.eq('group_id', group)
			.eq('profile_id', teacher.id);
		expect(early.error?.details).toBe('last_leader');
		const stolen = await outsider.db.rpc('answer_group_leadership', {
			p_group_id: group,
			p_accept: true
		});
		expect(stolen.error?.details).toBe('no_offer');
		expect(
			(await learner.db.rpc('answer_group_leadership', { p_group_id: group, p_accept: true })).error
		).toBeNull();
		const leaders = rows<{ profile_id: string }>(
			await admin
				.from('group_members')
				.select('profile_id')
				.eq('group_id', group)
				.eq('role', 'leader')
		);
		expect(leaders.map((l) => l.profile_id)).toEqual([learner.id]);
		const left = await teacher.db
			.from('group_members')
			.delete()
			.eq('group_id', group)
			.eq('profile_id', teacher.id)
			.select('profile_id');
		expect(rows(left)).toHaveLength(1);
	});

	it('a closed group lets its last leader go and takes no one in', async () => {
		expect((await learner.db.rpc('close_group', { p_group_id: group })).error).toBeNull();
		const ask = await neighbour.db
			.from('group_members')
			.insert({ group_id: group, profile_id: neighbour.id });
		expect(ask.error?.code).toBe('42501');
		const left = await learner.db
			.from('group_members')
			.delete()
			.eq('group_id', group)
			.eq('profile_id', learner.id)
			.select('profile_id');
		expect(rows(left)).toHaveLength(1);
	});

	it('two co-leaders leaving at the same moment: one goes, the other stays', async () => {
		const both = await insertId(admin, 'neighbourhood_groups', { ward_id: wardA, name: 'Tổ 4' });
		rows(
			await admin
				.from('group_members')
				.insert(
					[teacher, neighbour].map((p) => ({
						group_id: both,
						profile_id: p.id,
						role: 'leader',
						status: 'active'
					}))
				)
				.select('profile_id')
		);
		const outcomes = await Promise.all(
			[teacher, neighbour].map((p) =>
				p.db
					.from('group_members')
					.delete()
					.eq('group_id', both)
					.eq('profile_id', p.id)
					.select('profile_id')
			)
		);
		const left = outcomes.filter((o) => !o.error && (o.data ?? []).length === 1);
		const kept = outcomes.filter((o) => o.error?.details === 'last_leader');
		expect([left.length, kept.length]).toEqual([1, 1]);
		const leaders = rows(
			await admin
				.from('group_members')
				.select('profile_id')
				.eq('group_id', both)
				.eq('role', 'leader')
		);
		expect(leaders).toHaveLength(1);
	});
});
