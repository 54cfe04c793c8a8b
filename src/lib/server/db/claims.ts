// Assisted accounts taken over by their person, and the helper's list of people they registered.
import type { Supabase } from '../../types/db';
import { check, checkList, DbError } from './errors';

export type ClaimOutcome =
	| { outcome: 'claimed'; formerId: string }
	/** Wrong, expired or already used: counted as a failed attempt. */
	| { outcome: 'wrong_code' }
	/** Five wrong codes within the hour: the person waits. */
	| { outcome: 'locked' }
	/** Five wrong tries at this code (from anyone): it is dead until the helper reissues it. */
	| { outcome: 'code_locked' }
	/** The signed-in account was itself registered by a helper and not yet claimed. */
	| { outcome: 'not_allowed' };

/** Takes over the account registered for the signed-in person (one transaction in the database). */
export async function claim(supabase: Supabase, code: string): Promise<ClaimOutcome> {
	try {
		const rows = checkList(
			'claims.claim',
			await supabase.rpc('claim_assisted_account', { p_code: code })
		);
		const row = rows[0];
		return row ? { outcome: 'claimed', formerId: row.former_id } : { outcome: 'wrong_code' };
	} catch (error) {
		if (!(error instanceof DbError)) throw error;
		if (error.cause.code === '54000') {
			return { outcome: error.cause.details === 'code_locked' ? 'code_locked' : 'locked' };
		}
		if (error.cause.code === '42501') return { outcome: 'not_allowed' };
		throw error;
	}
}

export interface RegisteredLearner {
	learner_id: string;
	display_name: string | null;
	registered_at: string;
	expires_at: string;
	claimed: boolean;
}

/** The people the signed-in helper registered, newest first. */
export async function registeredByMe(supabase: Supabase): Promise<RegisteredLearner[]> {
	return checkList('claims.registeredByMe', await supabase.rpc('my_registered_learners'));
}

/** A new claim code for someone the helper registered (the old one stops working). */
export async function reissue(supabase: Supabase, learnerId: string): Promise<string> {
	return check(
		'claims.reissue',
		await supabase.rpc('reissue_claim_code', { p_learner_id: learnerId })
	) as string;
}
