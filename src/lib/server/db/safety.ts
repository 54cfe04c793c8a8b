// Reporting and blocking people: reports go to the reported person's ward board; a block is enforced
// by the database (no lesson, card, request or notice between the pair; upcoming lessons cancelled).
import type { ReportReason } from '../../report-reasons';
import type { Supabase } from '../../types/db';
import { check, checkList } from './errors';

export interface BlockedPerson {
	blocked_id: string;
	display_name: string | null;
	created_at: string;
}

/** The people the signed-in person blocked, newest first. */
export async function myBlocks(supabase: Supabase): Promise<BlockedPerson[]> {
	return checkList('safety.myBlocks', await supabase.rpc('my_blocks'));
}

/** The name of someone the caller has a reason to know (null when they have none). */
export async function nameOf(supabase: Supabase, personId: string): Promise<string | null> {
	const cards = checkList(
		'safety.nameOf',
		await supabase.rpc('profile_cards', { p_ids: [personId] })
	);
	return cards[0]?.display_name ?? null;
}

/** Files a report; the database files it under the reported person's ward. */
export async function report(
	supabase: Supabase,
	input: { personId: string; reason: ReportReason; details: string; sessionId: number | null }
): Promise<void> {
	check(
		'safety.report',
		await supabase.from('reports').insert({
			reported_id: input.personId,
			reason: input.reason,
			details: input.details,
			session_id: input.sessionId
		})
	);
}

/** Blocks a person; blocking someone already blocked is not an error. */
export async function block(supabase: Supabase, personId: string): Promise<void> {
	const result = await supabase.from('blocks').insert({ blocked_id: personId });
	if (result.error?.code === '23505') return;
	check('safety.block', result);
}

export async function unblock(supabase: Supabase, personId: string): Promise<void> {
	check('safety.unblock', await supabase.from('blocks').delete().eq('blocked_id', personId));
}
