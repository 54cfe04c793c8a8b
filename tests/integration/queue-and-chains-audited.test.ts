// The report queues and a ward's chains name people to coordinators, so each call is one audit row
// (issue 11 item 8), through the real supabase-js as the people who would abuse it: another ward's
// coordinator, a volunteer, someone calling the audit helper directly. Runs on PGlite and
// (TEST_DB=postgres) PostgreSQL 15.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import {
	BOOT_TIMEOUT,
	clientFor,
	createSkill,
	createWards,
	insertId,
	rows,
	signedInPerson,
	type Person
} from './helpers';

let server: TestSupabase;
let admin: SupabaseClient;
let wardA: number;
let wardB: number;
let coordA: Person;
let coordB: Person;
let volunteer: Person;
let learner: Person;
let reportId: number;

interface AuditRow {
	actor_id: string;
	action: string;
	table_name: string;
	record_key: string;
	new_data: Record<string, unknown>;
}

/** The view rows written since `after` (the service role reads the log; nobody else can). */
async function viewsSince(after: number): Promise<AuditRow[]> {
	return rows<AuditRow>(
		await admin
			.from('audit_log')
			.select('actor_id, action, table_name, record_key, new_data')
			.gt('id', after)
			.eq('action', 'view')
			.order('id')
	);
}

async function lastAuditId(): Promise<number> {
	const last = rows<{ id: number }>(
		await admin.from('audit_log').select('id').order('id', { ascending: false }).limit(1)
	);
	return last[0]?.id ?? 0;
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	[wardA, wardB] = (await createWards(admin, 'QCA', 2)) as [number, number];
	const skill = await createSkill(admin, 'qca-skill');
	const person = (slug: string, name: string, ward: number, extra: Record<string, unknown> = {}) =>
		signedInPerson(server, admin, `qca-${slug}@example.test`, {
			ward_id: ward,
			display_name: name,
			onboarded_at: new Date().toISOString(),
			...extra
		});
	coordA = await person('coord-a', 'Điều phối A', wardA);
	coordB = await person('coord-b', 'Điều phối B', wardB);
	volunteer = await person('volunteer', 'Phạm Văn Dũng', wardA, { can_teach: true });
	learner = await person('learner', 'Nguyễn Thị Lan', wardA, { wants_to_learn: true });
	rows(
		await admin
			.from('coordinator_assignments')
			.insert([
				{ profile_id: coordA.id, ward_id: wardA },
				{ profile_id: coordB.id, ward_id: wardB }
			])
			.select('ward_id')
	);
	reportId = await insertId(learner.db, 'reports', {
		reported_id: volunteer.id,
		reason: 'no_show',
		details: 'Hẹn mà không đến'
	});
	// One lesson the database recorded: the volunteer starts the ward's only chain.
	const starts = Date.now() - 2 * 3_600_000;
	const session = await insertId(admin, 'sessions', {
		skill_id: skill,
		teacher_id: volunteer.id,
		ward_id: wardA,
		place_type: 'home',
		status: 'completed',
		starts_at: new Date(starts).toISOString(),
		ends_at: new Date(starts + 3_600_000).toISOString()
	});
	rows(
		await admin
			.from('teaching_chain')
			.insert({
				teacher_id: volunteer.id,
				learner_id: learner.id,
				skill_id: skill,
				session_id: session,
				ward_id: wardA
			})
			.select('id')
	);
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('the report queues and the chains are audited', () => {
	it('refused, empty and forged calls write no view row', async () => {
		const before = await lastAuditId();
		expect(rows(await coordB.db.rpc('ward_report_queue', { p_area_id: wardA }))).toEqual([]);
		expect(rows(await volunteer.db.rpc('report_queue'))).toEqual([]);
		expect((await coordB.db.rpc('ward_chains', { p_ward_id: wardA })).error?.code).toBe('42501');
		// The audit helper is not exposed: a client cannot reach it to forge or flood the log.
		const untyped = coordB.db as unknown as SupabaseClient;
		const forged = await untyped.schema('private').rpc('audit_report_view', {
			p_page: 'ward_report_queue',
			p_area_id: wardA,
			p_report_ids: [reportId]
		});
		expect(forged.error).not.toBeNull();
		expect(await viewsSince(before)).toEqual([]);
	});

	it('each look is one row naming the page and the ids shown, never names or words', async () => {
		const before = await lastAuditId();
		const queue = rows<{ id: number; reported_id: string }>(await coordA.db.rpc('report_queue'));
		expect(queue.map((r) => [r.id, r.reported_id])).toEqual([[reportId, volunteer.id]]);
		const page = rows<{ id: number; reported_name: string }>(
			await coordA.db.rpc('ward_report_queue', { p_area_id: wardA })
		);
		expect(page.map((r) => [r.id, r.reported_name])).toEqual([[reportId, 'Phạm Văn Dũng']]);
		const chains = rows<{ starter_name: string }>(
			await coordA.db.rpc('ward_chains', { p_ward_id: wardA })
		);
		expect(chains.map((c) => c.starter_name)).toEqual(['Phạm Văn Dũng']);

		const written = await viewsSince(before);
		expect(written.map((r) => [r.actor_id, r.table_name, r.record_key, r.new_data.page])).toEqual([
			[coordA.id, 'profiles', `ward:${wardA}`, 'report_queue'],
			[coordA.id, 'profiles', `ward:${wardA}`, 'ward_report_queue'],
			[coordA.id, 'profiles', `ward:${wardA}`, 'ward_chains']
		]);
		for (const row of written) expect(row.new_data.profile_ids).toEqual([volunteer.id]);
		expect(written[0]!.new_data.report_ids).toEqual([reportId]);
		expect(written[1]!.new_data.report_ids).toEqual([reportId]);
		const text = JSON.stringify(written);
		expect(text).not.toContain('Phạm Văn Dũng');
		expect(text).not.toContain('Hẹn mà không đến');
		expect(rows(await coordA.db.from('audit_log').select('id').limit(1))).toEqual([]);
	});
});
