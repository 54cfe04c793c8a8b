// The ask-for-help data module (src/lib/server/db/help-requests.ts) through supabase-js, as the
// learner and as a curious neighbour: create answers the id of this very insert (two in a row
// get their own), edits and cancels touch only the caller's open requests, and an exact point
// never comes back in the row. Runs on PGlite and, with TEST_DB=postgres, on PostgreSQL 15.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import * as helpRequests from '../../src/lib/server/db/help-requests';
import type { Supabase } from '../../src/lib/types/db';
import {
	BOOT_TIMEOUT,
	clientFor,
	createSkill,
	createWards,
	only,
	signedInPerson,
	type Person
} from './helpers';

let server: TestSupabase;
let admin: SupabaseClient;
let learner: Person;
let neighbour: Person;
let ward: number;
let skill: number;

const POINT = { lat: 10.771234, lng: 106.691234 };

const input = (
	overrides: Partial<helpRequests.HelpRequestInput> = {}
): helpRequests.HelpRequestInput => ({
	skill_id: skill,
	place_type: 'home',
	venue_id: 0,
	near_lat: null,
	near_lng: null,
	preferred_times: ['weekend_morning'],
	notes: 'Con tôi ở xa, muốn gọi video',
	accessibility_needs: [],
	...overrides
});

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	const [first] = await createWards(admin, 'HR', 1);
	if (first === undefined) throw new Error('ward missing');
	ward = first;
	skill = await createSkill(admin, 'hr-video-call');
	learner = await signedInPerson(server, admin, 'hr-learner@example.test', {
		ward_id: ward,
		wants_to_learn: true
	});
	neighbour = await signedInPerson(server, admin, 'hr-neighbour@example.test', {
		ward_id: ward,
		wants_to_learn: true
	});
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

const as = (person: Person) => person.db as unknown as Supabase;

describe('helpRequests', () => {
	it('creates requests and answers the id of each insert, never a neighbour’s', async () => {
		const [a, b] = await Promise.all([
			helpRequests.create(as(learner), learner.id, ward, input()),
			helpRequests.create(as(learner), learner.id, ward, input({ notes: 'Lần thứ hai' }))
		]);
		expect(a).not.toBe(b);
		expect((await helpRequests.get(as(learner), a))?.notes).toBe('Con tôi ở xa, muốn gọi video');
		expect((await helpRequests.get(as(learner), b))?.notes).toBe('Lần thứ hai');
		const mine = await helpRequests.listForLearner(as(learner), learner.id);
		expect(mine.map((r) => r.id).sort()).toEqual([a, b].sort());
		expect(mine.every((r) => r.status === 'open' && r.ward_id === ward)).toBe(true);
	});

	it('keeps a chosen point exact for the learner only, and out of the row', async () => {
		const id = await helpRequests.create(
			as(learner),
			learner.id,
			ward,
			input({ place_type: 'near_point', near_lat: POINT.lat, near_lng: POINT.lng })
		);
		const place = await helpRequests.place(as(learner), id);
		expect(place).toMatchObject({ exact: true });
		expect(place?.lat).toBeCloseTo(POINT.lat, 6);
		const row = only<{ near_lat: number }>(
			await admin.from('help_requests').select('near_lat').eq('id', id)
		);
		expect(row.near_lat).not.toBeCloseTo(POINT.lat, 6);
	});

	it('edits and cancels only the caller’s open requests', async () => {
		const id = await helpRequests.create(as(learner), learner.id, ward, input());
		// A neighbour in the same ward can neither change nor cancel it.
		expect(await helpRequests.update(as(neighbour), id, input({ notes: 'hacked' }))).toBe(false);
		expect(await helpRequests.cancel(as(neighbour), id)).toBe(false);
		expect((await helpRequests.get(as(learner), id))?.status).toBe('open');

		expect(await helpRequests.update(as(learner), id, input({ notes: 'Sửa lại' }))).toBe(true);
		expect((await helpRequests.get(as(learner), id))?.notes).toBe('Sửa lại');
		expect(await helpRequests.cancel(as(learner), id)).toBe(true);
		expect((await helpRequests.get(as(learner), id))?.status).toBe('cancelled');
		// Once cancelled it stays so: a second cancel or an edit changes nothing.
		expect(await helpRequests.cancel(as(learner), id)).toBe(false);
		expect(await helpRequests.update(as(learner), id, input({ notes: 'Lại' }))).toBe(false);
		expect((await helpRequests.get(as(learner), id))?.notes).toBe('Sửa lại');
	});
});
