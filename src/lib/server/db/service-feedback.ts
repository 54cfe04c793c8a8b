// Citizen feedback on public digital services: the reporter's own rows, and the board's counts,
// texts and export through functions that check the ward (the board never reads the table).
import type { Supabase, Tables } from '../../types/db';
import { check, checkList } from './errors';
import { checkWard } from './ward-refusal';

export type MyServiceFeedback = Pick<
	Tables<'service_feedback'>,
	'id' | 'service' | 'service_name' | 'step' | 'what_happened' | 'created_at'
>;

export interface FeedbackInput {
	service: string;
	service_name: string;
	step: string;
	what_happened: string;
	may_contact: boolean;
}

export interface Range {
	from: string | null;
	to: string | null;
}

/** The signed-in person reports a problem; the database files it under their ward. */
export async function create(supabase: Supabase, me: string, input: FeedbackInput): Promise<void> {
	checkWard(
		'serviceFeedback.create',
		await supabase.from('service_feedback').insert({ ...input, reporter_id: me })
	);
}

/** The signed-in person's own reports, newest first. */
export async function mine(supabase: Supabase): Promise<MyServiceFeedback[]> {
	return checkList(
		'serviceFeedback.mine',
		await supabase
			.from('service_feedback')
			.select('id, service, service_name, step, what_happened, created_at')
			.order('created_at', { ascending: false })
			.limit(50)
	);
}

/** Withdraws one of the signed-in person's own reports. */
export async function withdraw(supabase: Supabase, id: number): Promise<void> {
	check('serviceFeedback.withdraw', await supabase.from('service_feedback').delete().eq('id', id));
}

function rangeArgs(wardId: number, range: Range) {
	return {
		p_ward_id: wardId,
		...(range.from ? { p_from: range.from } : {}),
		...(range.to ? { p_to: range.to } : {})
	};
}

/** Counts by service and step for the ward's board. */
export async function counts(supabase: Supabase, wardId: number, range: Range) {
	return checkList(
		'serviceFeedback.counts',
		await supabase.rpc('service_feedback_counts', rangeArgs(wardId, range))
	);
}

/** The reports' texts for the ward's board; the reporter's name only if they agreed. */
export async function ofWard(supabase: Supabase, wardId: number, range: Range) {
	return checkList(
		'serviceFeedback.ofWard',
		await supabase.rpc('ward_service_feedback', rangeArgs(wardId, range))
	);
}

/** The counts for a CSV export; the database writes the export to the audit log first. */
export async function exportCounts(supabase: Supabase, wardId: number, range: Range) {
	return (
		checkWard(
			'serviceFeedback.export',
			await supabase.rpc('export_service_feedback', rangeArgs(wardId, range))
		) ?? []
	);
}
