// Refusals of the ward board's database functions (classes, materials, feedback) that a person can
// act on: the database raises them with a stable `details` key (or a bare 42501 / 23514 / 23P01),
// and the pages say them in words (`wardops.refusal.<key>`).
import type { PostgrestError } from '@supabase/supabase-js';
import { check } from './errors';

export const WARD_REFUSALS = [
	'not_coordinator',
	'teacher_not_verified',
	'teacher_busy',
	'learner_busy',
	'in_the_past',
	'no_such_skill',
	'venue_too_small',
	'own_class',
	'not_open',
	'class_full',
	'not_your_session',
	'not_scheduled',
	'too_early',
	'too_late',
	'not_a_participant',
	'already_present',
	'no_ward',
	'not_allowed',
	'capacity_below_signups',
	'not_our_venue',
	'already_started',
	'reason_required',
	'bad_length',
	'bad_capacity',
	'volunteer_suspended'
] as const;
export type WardRefusalKey = (typeof WARD_REFUSALS)[number];

export class WardRefusal extends Error {
	constructor(readonly reason: WardRefusalKey) {
		super(reason);
		this.name = 'WardRefusal';
	}
}

/** Turns a refusal into a `WardRefusal`; anything else stays a DbError. */
export function checkWard<T>(
	operation: string,
	result: { data: T; error: PostgrestError | null }
): T {
	const error = result.error;
	if (error) {
		const details = error.details as WardRefusalKey | undefined;
		if (details && (WARD_REFUSALS as readonly string[]).includes(details)) {
			throw new WardRefusal(details);
		}
		// claim_seat says "full" with a bare check violation; the ledger's key is in details above.
		if (error.code === '23514') throw new WardRefusal('class_full');
		if (error.code === '42501') throw new WardRefusal('not_allowed');
	}
	return check(operation, result);
}
