import { describe, expect, it } from 'vitest';
import type { Lesson, Participant } from '$lib/server/db/lessons';
import { allowedActions, type Standing } from './actions';

const NOW = new Date('2026-12-05T02:00:00Z');
const HOUR = 3_600_000;

function lesson(status: string, startsInHours: number): Lesson {
	const starts = new Date(NOW.getTime() + startsInHours * HOUR);
	return {
		id: 1,
		kind: 'one_to_one',
		request_id: 2,
		skill_id: 3,
		teacher_id: 'teacher',
		ward_id: 4,
		place_type: 'venue',
		venue_id: 5,
		starts_at: starts.toISOString(),
		ends_at: new Date(starts.getTime() + HOUR).toISOString(),
		status,
		cancel_reason: null,
		expires_at: null,
		completed_at: null
	};
}

const part = (profile_id: string, status: string): Participant => ({
	session_id: 1,
	profile_id,
	status
});
const teacher: Standing = { teaching: true, coordinating: false, mine: null, forOthers: [] };
const learner = (status: string): Standing => ({
	teaching: false,
	coordinating: false,
	mine: part('me', status),
	forOthers: []
});
const helper: Standing = {
	teaching: false,
	coordinating: false,
	mine: null,
	forOthers: [part('grandma', 'invited')]
};
const outsider: Standing = { teaching: false, coordinating: false, mine: null, forOthers: [] };

describe('what a lesson page offers', () => {
	it('asks the invited learner, or her helper, to answer a proposal', () => {
		expect(allowedActions(lesson('proposed', 48), learner('invited'), NOW).answerFor).toEqual(
			part('me', 'invited')
		);
		expect(allowedActions(lesson('proposed', 48), helper, NOW).answerFor?.profile_id).toBe(
			'grandma'
		);
		expect(allowedActions(lesson('proposed', 48), teacher, NOW).answerFor).toBeNull();
	});

	it('shows the code to the learner and the code form to the teacher once scheduled', () => {
		const scheduled = lesson('scheduled', 0.25);
		expect(allowedActions(scheduled, learner('accepted'), NOW).showCode).toBe(true);
		expect(allowedActions(scheduled, learner('declined'), NOW).showCode).toBe(false);
		expect(allowedActions(scheduled, teacher, NOW).typeCode).toBe(true);
		expect(allowedActions(scheduled, teacher, NOW).showCode).toBe(false);
		expect(allowedActions(lesson('proposed', 0.25), learner('invited'), NOW).showCode).toBe(false);
	});

	it('offers an absence report only from the start until a day after the end', () => {
		expect(allowedActions(lesson('scheduled', 1), teacher, NOW).noShow).toBe(false);
		expect(allowedActions(lesson('scheduled', -0.5), teacher, NOW).noShow).toBe(true);
		expect(allowedActions(lesson('scheduled', -26), teacher, NOW).noShow).toBe(false);
	});

	it('asks for feedback only from people who were there, after completion', () => {
		const done = lesson('completed', -3);
		expect(allowedActions(done, learner('attended'), NOW).feedback).toBe(true);
		expect(allowedActions(done, teacher, NOW).feedback).toBe(true);
		expect(allowedActions(done, learner('declined'), NOW).feedback).toBe(false);
		expect(allowedActions(lesson('scheduled', -3), learner('accepted'), NOW).feedback).toBe(false);
	});

	it('offers nothing to an outsider', () => {
		const actions = allowedActions(lesson('scheduled', -0.5), outsider, NOW);
		expect(actions).toMatchObject({
			answerFor: null,
			reschedule: false,
			cancel: false,
			noShow: false,
			showCode: false,
			typeCode: false,
			confirmFor: [],
			unlock: false,
			feedback: false
		});
	});
});
