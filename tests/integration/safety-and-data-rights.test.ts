// Blocks, reports and data rights through the real supabase-js, as a curious or malicious signed-in
// person would try them: a blocked volunteer cannot invite, see or notify the person who blocked
// them (and is never told why); the export holds exactly the caller's rows; withdrawing consent
// stops processing; deleting an account keeps the reports about it, under a pseudonym.
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

const HOUR = 3_600_000;
const LEARNER_PHONE = '+84907770001';
const VOLUNTEER_PHONE = '+84907770002';

let server: TestSupabase;
let admin: SupabaseClient;
let ward: number;
let skill: number;
let learner: Person;
let volunteer: Person;
let other: Person;
let coordinator: Person;

function propose(who: Person, requestId: number, hours: number) {
	const starts = Date.now() + hours * HOUR;
	return who.db.rpc('propose_lesson', {
		p_request_id: requestId,
		p_starts_at: new Date(starts).toISOString(),
		p_ends_at: new Date(starts + HOUR).toISOString(),
		p_place_type: 'home'
	});
}

function askForHelp(who: Person) {
	return insertId(who.db, 'help_requests', { skill_id: skill, place_type: 'home' });
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	const [w] = await createWards(admin, 'SAFE', 1);
	if (w === undefined) throw new Error('ward missing');
	ward = w;
	skill = await createSkill(admin, 'safe-skill');
	const profile = (teach: boolean, phone: string | null = null) => ({
		ward_id: ward,
		can_teach: teach,
		wants_to_learn: !teach,
		phone
	});
	learner = await signedInPerson(
		server,
		admin,
		'safe-learner@example.test',
		profile(false, LEARNER_PHONE)
	);
	volunteer = await signedInPerson(
		server,
		admin,
		'safe-volunteer@example.test',
		profile(true, VOLUNTEER_PHONE)
	);
	other = await signedInPerson(server, admin, 'safe-other@example.test', profile(true));
	await verifyVolunteers(admin, ward, [volunteer.id, other.id]);
	coordinator = await signedInPerson(server, admin, 'safe-coord@example.test', profile(false));
	only(
		await admin
			.from('coordinator_assignments')
			.insert({ profile_id: coordinator.id, ward_id: ward })
			.select('ward_id')
	);
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('a block', () => {
	it('cancels the pair’s upcoming lesson with the same neutral notice to both', async () => {
		const requestId = await askForHelp(learner);
		const proposed = await propose(volunteer, requestId, 48);
		expect(proposed.error).toBeNull();
		const sessionId = proposed.data as number;
		expect(
			(await learner.db.rpc('answer_lesson', { p_session_id: sessionId, p_accept: true })).error
		).toBeNull();
		expect(rows(await volunteer.db.from('profiles').select('phone').eq('id', learner.id))).toEqual([
			{ phone: LEARNER_PHONE }
		]);

		expect((await learner.db.from('blocks').insert({ blocked_id: volunteer.id })).error).toBeNull();

		expect(
			only(await learner.db.from('sessions').select('status, cancel_reason').eq('id', sessionId))
		).toEqual({ status: 'cancelled', cancel_reason: 'unavailable' });
		for (const person of [learner, volunteer]) {
			const notices = rows<{ params: { reason?: string } }>(
				await person.db
					.from('notifications')
					.select('params')
					.eq('session_id', sessionId)
					.eq('kind', 'session_cancelled')
			);
			expect(notices.map((n) => n.params.reason)).toEqual(['unavailable']);
		}
	});

	it('leaves the blocked volunteer unable to invite, see or notify the learner, and never says why', async () => {
		const requestId = await askForHelp(learner);
		const refused = await propose(volunteer, requestId, 72);
		expect([refused.status, refused.error?.code, refused.error?.details]).toEqual([
			403,
			'42501',
			'unavailable'
		]);
		expect(JSON.stringify(refused.error)).not.toMatch(/block/i);

		expect(rows(await volunteer.db.from('profiles').select('phone').eq('id', learner.id))).toEqual(
			[]
		);
		expect(
			rows(await volunteer.db.from('help_requests').select('id').eq('learner_id', learner.id))
		).toEqual([]);
		expect(rows(await volunteer.db.rpc('profile_cards', { p_ids: [learner.id] }))).toEqual([]);
		expect(rows(await volunteer.db.from('blocks').select('blocker_id'))).toEqual([]);
		const forged = await volunteer.db
			.from('notifications')
			.insert({ profile_id: learner.id, kind: 'system', title: 'hi' });
		expect(forged.error?.code).toBe('42501');
	});

	it('works the other way too: a volunteer cannot invite someone they blocked', async () => {
		const requestId = await askForHelp(learner);
		expect((await other.db.from('blocks').insert({ blocked_id: learner.id })).error).toBeNull();
		const refused = await propose(other, requestId, 96);
		expect([refused.error?.code, refused.error?.details]).toEqual(['42501', 'unavailable']);
		expect((await other.db.from('blocks').delete().eq('blocked_id', learner.id)).error).toBeNull();
	});
});

describe('reports', () => {
	it('reach the ward board’s queue with a 24-hour target, and only the ward’s coordinators see it', async () => {
		const reportId = await insertId(learner.db, 'reports', {
			reported_id: volunteer.id,
			reason: 'harassment',
			details: 'Nhắn tin làm phiền'
		});
		const queue = rows<{ id: number; created_at: string; due_at: string; overdue: boolean }>(
			await coordinator.db.rpc('report_queue')
		);
		const mine = queue.find((r) => r.id === reportId);
		expect(mine?.overdue).toBe(false);
		expect(Date.parse(mine?.due_at ?? '') - Date.parse(mine?.created_at ?? '')).toBe(24 * HOUR);
		expect(rows(await volunteer.db.rpc('report_queue'))).toEqual([]);
		expect(rows(await volunteer.db.from('reports').select('id'))).toEqual([]);
	});
});

describe('data rights', () => {
	it('the export holds exactly the caller’s rows, never another person’s id or phone', async () => {
		const mine = await learner.db.rpc('export_my_data');
		expect(mine.error).toBeNull();
		const data = mine.data as { profile: { id: string }; help_requests: unknown[] };
		expect(data.profile.id).toBe(learner.id);
		expect(data.help_requests).toHaveLength(3);
		const text = JSON.stringify(data);
		for (const stranger of [volunteer.id, other.id, coordinator.id, VOLUNTEER_PHONE]) {
			expect(text).not.toContain(stranger);
		}
		const theirs = JSON.stringify((await volunteer.db.rpc('export_my_data')).data);
		expect(theirs).toContain(volunteer.id);
		expect(theirs).not.toContain(learner.id);
		expect(theirs).not.toContain(LEARNER_PHONE);

		const anon = clientFor(server, server.anonKey);
		expect((await anon.rpc('export_my_data')).error).not.toBeNull();
		expect(
			rows(await learner.db.from('data_requests').select('kind, status').eq('kind', 'export'))
		).toEqual([{ kind: 'export', status: 'done' }]);
	});

	it('a curious person can neither forge a request, read the audit log, nor erase someone else', async () => {
		const forged = await volunteer.db
			.from('data_requests')
			.insert({ profile_id: learner.id, kind: 'erasure' });
		expect(forged.error?.code).toBe('42501');
		expect(
			rows(await volunteer.db.from('data_requests').select('id').eq('profile_id', learner.id))
		).toEqual([]);
		expect(rows(await volunteer.db.from('audit_log').select('id').limit(1))).toEqual([]);
		expect((await volunteer.db.rpc('erase_person', { p_id: learner.id })).error).not.toBeNull();
		expect(only(await admin.from('profiles').select('id').eq('id', learner.id))).toEqual({
			id: learner.id
		});
	});

	it('withdrawing consent cancels open requests and leaves matching', async () => {
		const requestId = await askForHelp(other);
		expect(
			(
				await other.db
					.from('consents')
					.insert({ kind: 'personal_data', version: '2026-01-01', granted: false })
			).error
		).toBeNull();
		expect(only(await other.db.from('help_requests').select('status').eq('id', requestId))).toEqual(
			{
				status: 'cancelled'
			}
		);
		expect(only(await other.db.from('profiles').select('can_teach').eq('id', other.id))).toEqual({
			can_teach: false
		});
	});

	it('deleting an account is tracked, and the reports about that person remain', async () => {
		const receipt = await volunteer.db.rpc('delete_my_account');
		expect(receipt.error).toBeNull();
		expect(typeof receipt.data).toBe('number');

		const reports = rows<{ reported_id: string | null; reported_pseudonym: string | null }>(
			await admin
				.from('reports')
				.select('reported_id, reported_pseudonym')
				.eq('reason', 'harassment')
		);
		expect(reports).toHaveLength(1);
		expect(reports[0]?.reported_id).toBeNull();
		expect(reports[0]?.reported_pseudonym).toMatch(/^[0-9a-f-]{36}$/);
		expect(rows(await coordinator.db.rpc('report_queue')).length).toBeGreaterThan(0);
		expect(
			only(
				await admin
					.from('data_requests')
					.select('status, profile_id')
					.eq('id', receipt.data as number)
			)
		).toEqual({ status: 'done', profile_id: null });
		expect(rows(await admin.from('audit_log').select('id').eq('actor_id', volunteer.id))).toEqual(
			[]
		);
		expect(
			rows(await admin.from('audit_log').select('id').like('record_key', `%${volunteer.id}%`))
		).toEqual([]);

		expect((await volunteer.db.rpc('export_my_data')).error?.code).toBe('42501');
		const again = clientFor(server, server.anonKey);
		const signIn = await again.auth.signInWithPassword({
			email: 'safe-volunteer@example.test',
			password: 'mat-khau-rat-dai-123'
		});
		expect(signIn.error).not.toBeNull();
	});
});
