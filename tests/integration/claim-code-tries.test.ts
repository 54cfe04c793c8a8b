// Claim codes lock per code, through supabase-js: wrong codes aimed at one person's code (its first
// three characters) from many accounts, one try each, kill that code after five, even typed right;
// the helper reissues and the new code works. Runs on PGlite and on PostgreSQL 15.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import {
	BOOT_TIMEOUT,
	clientFor,
	createSkill,
	createWards,
	only,
	signedInPerson,
	verifyVolunteers,
	type Person
} from './helpers';

let server: TestSupabase;
let admin: SupabaseClient;
let ward: number;
let skill: number;
let helper: Person;

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	[ward] = (await createWards(admin, 'CLAIMTRY', 1)) as [number];
	skill = await createSkill(admin, 'claim-try-skill');
	helper = await signedInPerson(server, admin, 'claim-helper@example.test', {
		ward_id: ward,
		can_teach: true
	});
	await verifyVolunteers(admin, ward, [helper.id]);
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('a claim code', () => {
	it('dies after five wrong tries aimed at it, from five accounts, until reissued', async () => {
		const reg = only<{ learner_id: string; claim_code: string }>(
			await helper.db.rpc('register_assisted_learner', {
				p_display_name: 'Ông Bảy',
				p_ward_id: ward,
				p_skill_id: skill,
				p_consent_version: '2026-01-01'
			})
		);
		const code = reg.claim_code;
		const wrong = code.slice(0, 3) + (code.slice(3) === 'ZZZZZ' ? 'YYYYY' : 'ZZZZZ');
		const guessers: Person[] = [];
		for (let i = 0; i < 6; i++) {
			guessers.push(
				await signedInPerson(server, admin, `claim-guesser-${i}@example.test`, {
					wants_to_learn: true
				})
			);
		}
		for (const g of guessers.slice(0, 5)) {
			const res = await g.db.rpc('claim_assisted_account', { p_code: wrong });
			expect(res.error).toBeNull();
			expect(res.data).toEqual([]);
		}
		const last = guessers[5] as Person;
		const dead = await last.db.rpc('claim_assisted_account', { p_code: code });
		expect(dead.error?.code).toBe('54000');
		expect(dead.error?.details).toBe('code_locked');

		const fresh = await helper.db.rpc('reissue_claim_code', { p_learner_id: reg.learner_id });
		expect(fresh.error).toBeNull();
		const claimed = only<{ former_id: string }>(
			await last.db.rpc('claim_assisted_account', { p_code: fresh.data as string })
		);
		expect(claimed.former_id).toBe(reg.learner_id);
	});
});
