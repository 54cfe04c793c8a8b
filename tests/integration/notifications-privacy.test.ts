// What a curious signed-in person can do to someone else's notices, devices and reminder settings
// through supabase-js: nothing. Their own: read, mark read (only `read_at`), save settings.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import {
	BOOT_TIMEOUT,
	clientFor,
	insertId,
	only,
	rows,
	signedInPerson,
	type Person
} from './helpers';

let server: TestSupabase;
let admin: SupabaseClient;
let owner: Person;
let curious: Person;
let notice: number;
let device: number;

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	owner = await signedInPerson(server, admin, 'notice-owner@example.test', { display_name: 'Chủ' });
	curious = await signedInPerson(server, admin, 'notice-curious@example.test', {
		display_name: 'Tò mò'
	});
	notice = await insertId(admin, 'notifications', {
		profile_id: owner.id,
		kind: 'system',
		title: 'Xin chào',
		body: 'Riêng tư'
	});
	device = await insertId(admin, 'push_subscriptions', {
		profile_id: owner.id,
		endpoint: 'https://push.example.test/owner',
		p256dh: 'B'.repeat(87),
		auth: 'a'.repeat(22)
	});
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('notifications and push, seen by another person', () => {
	it('cannot read, mark or dismiss someone else’s notice', async () => {
		expect(rows(await curious.db.from('notifications').select('id').eq('id', notice))).toEqual([]);
		const marked = await curious.db
			.from('notifications')
			.update({ read_at: new Date().toISOString() })
			.eq('id', notice)
			.select('id');
		expect(rows(marked)).toEqual([]);
		expect(
			rows(await curious.db.from('notifications').delete().eq('id', notice).select('id'))
		).toEqual([]);
		const still = only<{ read_at: string | null }>(
			await admin.from('notifications').select('read_at').eq('id', notice)
		);
		expect(still.read_at).toBeNull();
	});

	it('the owner marks it read, and can change nothing else about it', async () => {
		const rewrite = await owner.db
			.from('notifications')
			.update({ title: 'Giả mạo' })
			.eq('id', notice);
		expect(rewrite.error?.code).toBe('42501');
		const marked = await owner.db
			.from('notifications')
			.update({ read_at: new Date().toISOString() })
			.eq('id', notice)
			.select('id');
		expect(rows(marked)).toHaveLength(1);
	});

	it('cannot see another person’s devices, nor the worker’s delivery records or functions', async () => {
		expect(rows(await curious.db.from('push_subscriptions').select('id').eq('id', device))).toEqual(
			[]
		);
		expect((await curious.db.from('push_deliveries').select('*')).error?.code).toBe('42501');
		const claim = await curious.db.rpc('claim_push_batch', { p_limit: 10, p_lease_seconds: 60 });
		expect(claim.error?.code).toBe('42501');
		const finish = await curious.db.rpc('finish_push_batch', {
			p_claim: crypto.randomUUID(),
			p_sent: [notice]
		});
		expect(finish.error?.code).toBe('42501');
	});

	it('settings are saved for the caller only, and anonymously not at all', async () => {
		const saved = await curious.db.rpc('save_notification_settings', {
			p_remind_24h: false,
			p_remind_1h: true,
			p_quiet_start: '21:00',
			p_quiet_end: '07:00'
		});
		expect(saved.error).toBeNull();
		const mine = only<{ remind_24h: boolean; quiet_hours_start: string }>(
			await admin.from('profiles').select('remind_24h, quiet_hours_start').eq('id', curious.id)
		);
		expect(mine).toEqual({ remind_24h: false, quiet_hours_start: '21:00:00' });
		const theirs = only<{ remind_24h: boolean; quiet_hours_start: string | null }>(
			await admin.from('profiles').select('remind_24h, quiet_hours_start').eq('id', owner.id)
		);
		expect(theirs).toEqual({ remind_24h: true, quiet_hours_start: null });

		const anon = clientFor(server, server.anonKey);
		const refused = await anon.rpc('save_notification_settings', {
			p_remind_24h: false,
			p_remind_1h: false
		});
		expect(refused.error?.code).toBe('42501');
	});
});
