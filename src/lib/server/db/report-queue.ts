// The ward board's queue of reports about people: what the caller handles (the database routes a
// report about a ward's own coordinator past them), and acting on one.
import type { Supabase } from '../../types/db';
import { check, checkList } from './errors';

export interface QueuedReport {
	id: number;
	ward_id: number;
	reason: string;
	details: string;
	status: string;
	resolution: string | null;
	reported_name: string | null;
	about_coordinator: boolean;
	created_at: string;
	due_at: string;
	overdue: boolean;
}

/** Reports of a ward (or of a city's wards) the caller handles, open ones first. */
export async function list(supabase: Supabase, areaId: number): Promise<QueuedReport[]> {
	return checkList(
		'report_queue.list',
		await supabase.rpc('ward_report_queue', { p_area_id: areaId })
	);
}

export type ReportStatus = 'reviewing' | 'resolved' | 'dismissed';

/** Takes, resolves or dismisses a report; false when it is not the caller's to handle. */
export async function act(
	supabase: Supabase,
	reportId: number,
	status: ReportStatus,
	resolution: string
): Promise<boolean> {
	const changed = check(
		'report_queue.act',
		await supabase.rpc('act_on_report', {
			p_report_id: reportId,
			p_status: status,
			p_resolution: resolution
		})
	);
	return changed === true;
}
