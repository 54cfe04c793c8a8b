// A learner invites a volunteer from her match list, through the real supabase-js, as people and
// curious strangers would call it: only a matched volunteer, one waiting invitation per request,
// only the invitee answers (once), acceptance schedules through the one booking ledger (two
// learners inviting one volunteer for the same hour: the second acceptance is refused), and the
// helper of an assisted learner invites on her behalf. Runs on PGlite and on PostgreSQL 15.
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
import { north, type Place } from './matching-fixture';

const HOUR = 3_600_000;
const HOME: Place = { lat: 10.781, lng: 106.695 };

let server: TestSupabase;
let admin: SupabaseClient;
let ward: number;
let skill: number;
let otherSkill: number;
let learner: Person;
let learner2: Person;
let stranger: Person;
let vNear: Person;
let vFar: Person;
let vOther: Person;

/** What a function returning one value answered (throws on an error). */
function value<T>(res: { data: unknown; error: { message: string } | null }): T {
	if (res.error) throw new Error(res.error.message);
	return res.data as T;
}

function at(hours: number) {
	const starts = Date.now() + hours * HOUR;
	return { starts: new Date(starts).toISOString(), ends: new Date(starts + HOUR).toISOString() };
}

async function volunteer(email: string, metres: number, skills: number[]): Promise<Person> {
	const person = await signedInPerson(server, admin, email, {
		ward_id: ward,
		can_teach: true,
		teaching_radius_m: 5000
	});
	rows(
		await admin
			.from('home_locations')
			.insert({ profile_id: person.id, ...north(HOME, metres) })
			.select('profile_id')
	);
	rows(
		await admin
			.from('volunteer_skills')
			.insert(skills.map((skill_id) => ({ profile_id: person.id, skill_id })))
			.select('skill_id')
	);
	await verifyVolunteers(admin, ward, [person.id]);
	return person;
}

async function request(who: Person): Promise<number> {
	return insertId(who.db, 'help_requests', {
		learner_id: who.id,
		skill_id: skill,
		place_type: 'near_point',
		near_lat: HOME.lat,
		near_lng: HOME.lng
	});
}

function invite(who: Person, requestId: number, volunteerId: string, hours: number) {
	const { starts, ends } = at(hours);
	return who.db.rpc('invite_volunteer', {
		p_request_id: requestId,
		p_volunteer_id: volunteerId,
		p_starts_at: starts,
		p_ends_at: ends,
		p_place_note: 'Thư viện phường, tầng 1'
	});
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	[ward] = (await createWards(admin, 'INVITE', 1)) as [number];
	skill = await createSkill(admin, 'invite-skill');
	otherSkill = await createSkill(admin, 'invite-other');
	const asLearner = { ward_id: ward, wants_to_learn: true };
	learner = await signedInPerson(server, admin, 'invite-learner@example.test', asLearner);
	learner2 = await signedInPerson(server, admin, 'invite-learner2@example.test', asLearner);
	stranger = await signedInPerson(server, admin, 'invite-stranger@example.test', asLearner);
	vNear = await volunteer('invite-near@example.test', 300, [skill]);
	vFar = await volunteer('invite-far@example.test', 900, [skill]);
	vOther = await volunteer('invite-other@example.test', 200, [otherSkill]);
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('a learner invites a volunteer from her match list', () => {
	it('the volunteer sees it without the learner’s place, accepts, and the lesson is scheduled', async () => {
		const requestId = await request(learner);
		const matched = rows<{ volunteer_id: string }>(
			await learner.db.rpc('match_volunteers', { p_request_id: requestId })
		).map((m) => m.volunteer_id);
		expect(matched).toContain(vNear.id);
		const invitationId = value<number>(await invite(learner, requestId, vNear.id, 30));

		const waiting = await vNear.db.rpc('my_invitations');
		expect(waiting.error).toBeNull();
		expect(waiting.data).toHaveLength(1);
		expect(waiting.data?.[0]).toMatchObject({ id: invitationId, learner_name: 'invite-learner' });
		// What the volunteer reads before agreeing: no coordinates, no phone.
		const raw = JSON.stringify(waiting.data);
		expect(raw).not.toMatch(/10\.78|106\.69|lat|lng|phone/);
		expect(rows(await stranger.db.from('lesson_invitations').select('id'))).toEqual([]);
		expect(rows(await vFar.db.rpc('my_invitations'))).toEqual([]);
		// Nobody writes an invitation directly.
		const forged = await vNear.db
			.from('lesson_invitations')
			.update({ status: 'accepted' })
			.eq('id', invitationId)
			.select('id');
		expect(forged.error?.code ?? (forged.data?.length === 0 ? 'none' : 'updated')).not.toBe(
			'updated'
		);

		const sessionId = value<number>(
			await vNear.db.rpc('answer_invitation', { p_invitation_id: invitationId, p_accept: true })
		);
		const lesson = only<{ status: string; teacher_id: string }>(
			await learner.db.from('sessions').select('status, teacher_id').eq('id', sessionId)
		);
		expect(lesson).toEqual({ status: 'scheduled', teacher_id: vNear.id });
		const again = await vNear.db.rpc('answer_invitation', {
			p_invitation_id: invitationId,
			p_accept: true
		});
		expect(again.error?.details).toBe('invitation_closed');
	});

	it('refuses a volunteer not on the list, a second waiting invitation, and answers by others', async () => {
		const requestId = await request(learner);
		const notMatched = await invite(learner, requestId, vOther.id, 40);
		expect(notMatched.error?.details).toBe('not_matched');
		const fromStranger = await invite(stranger, requestId, vFar.id, 40);
		expect(fromStranger.error?.details).toBe('not_yours');

		const invitationId = value<number>(await invite(learner, requestId, vFar.id, 40));
		const second = await invite(learner, requestId, vNear.id, 41);
		expect(second.error?.details).toBe('invitation_pending');

		const byOther = await vNear.db.rpc('answer_invitation', {
			p_invitation_id: invitationId,
			p_accept: true
		});
		expect(byOther.error?.details).toBe('not_invited');
		const byLearner = await learner.db.rpc('answer_invitation', {
			p_invitation_id: invitationId,
			p_accept: true
		});
		expect(byLearner.error?.details).toBe('not_invited');

		const declined = await vFar.db.rpc('answer_invitation', {
			p_invitation_id: invitationId,
			p_accept: false,
			p_reason: 'Tuần này tôi bận'
		});
		expect(declined.error).toBeNull();
		expect(declined.data).toBeNull();
		const after = only<{ status: string }>(
			await learner.db.from('help_requests').select('status').eq('id', requestId)
		);
		expect(after.status).toBe('open');
	});

	it('the learner withdraws an invitation still waiting', async () => {
		const requestId = await request(learner2);
		const invitationId = value<number>(await invite(learner2, requestId, vFar.id, 60));
		expect(
			value<boolean>(
				await stranger.db.rpc('withdraw_invitation', { p_invitation_id: invitationId })
			)
		).toBe(false);
		expect(
			value<boolean>(
				await learner2.db.rpc('withdraw_invitation', { p_invitation_id: invitationId })
			)
		).toBe(true);
		expect(rows(await vFar.db.rpc('my_invitations'))).toEqual([]);
	});

	it('two learners invite one volunteer for the same hour: only one acceptance can stand', async () => {
		const [a, b] = [await request(learner), await request(learner2)];
		const first = value<number>(await invite(learner, a, vFar.id, 80));
		const second = value<number>(await invite(learner2, b, vFar.id, 80));
		const answers = await Promise.all(
			[first, second].map((id) =>
				vFar.db.rpc('answer_invitation', { p_invitation_id: id, p_accept: true })
			)
		);
		const won = answers.filter((r) => r.error === null);
		const lost = answers.filter((r) => r.error !== null);
		expect(won).toHaveLength(1);
		expect(lost.map((r) => r.error?.details)).toEqual(['teacher_busy']);
	});
});

describe('the helper of an assisted learner', () => {
	it('invites a volunteer for the neighbour she registered', async () => {
		const helper = await volunteer('invite-helper@example.test', 5000, [otherSkill]);
		const reg = only<{ learner_id: string; request_id: number }>(
			await helper.db.rpc('register_assisted_learner', {
				p_display_name: 'Bà Năm',
				p_ward_id: ward,
				p_skill_id: skill,
				p_consent_version: '2026-01-01',
				p_lat: HOME.lat,
				p_lng: HOME.lng
			})
		);
		const invitationId = value<number>(await invite(helper, reg.request_id, vNear.id, 100));
		const waiting = rows<{ id: number; learner_name: string }>(
			await vNear.db.rpc('my_invitations')
		);
		expect(waiting).toEqual([
			expect.objectContaining({ id: invitationId, learner_name: 'Bà Năm' })
		]);
		const sessionId = value<number>(
			await vNear.db.rpc('answer_invitation', { p_invitation_id: invitationId, p_accept: true })
		);
		const seat = only<{ status: string }>(
			await helper.db
				.from('session_participants')
				.select('status')
				.eq('session_id', sessionId)
				.eq('profile_id', reg.learner_id)
		);
		expect(seat.status).toBe('accepted');
	});
});
