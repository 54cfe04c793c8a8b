// A person's rights over their data (Law 91/2025/QH15): see and download it, withdraw or give
// consent again, delete the account. Every request is recorded by the database (data_requests).
import type { Json } from '../../types/database.types';
import type { Supabase, Tables } from '../../types/db';
import { CONSENT_VERSIONS } from './consents';
import { check, checkList } from './errors';

export type DataRequest = Pick<
	Tables<'data_requests'>,
	'id' | 'kind' | 'status' | 'received_at' | 'completed_at'
>;

/** Everything stored about the signed-in person, as the database exports it. */
export async function exportMine(supabase: Supabase): Promise<Record<string, Json>> {
	const data = check('dataRights.exportMine', await supabase.rpc('export_my_data'));
	return (data ?? {}) as Record<string, Json>;
}

/** The person's own requests (exports, withdrawals), newest first. */
export async function requests(supabase: Supabase, profileId: string): Promise<DataRequest[]> {
	return checkList(
		'dataRights.requests',
		await supabase
			.from('data_requests')
			.select('id, kind, status, received_at, completed_at')
			.eq('profile_id', profileId)
			.order('received_at', { ascending: false })
			.limit(20)
	);
}

/** Records the current personal-data consent as withdrawn (true) or given again (false). */
export async function setConsent(supabase: Supabase, granted: boolean): Promise<void> {
	check(
		'dataRights.setConsent',
		await supabase
			.from('consents')
			.insert({ kind: 'personal_data', version: CONSENT_VERSIONS.personal_data, granted })
	);
}

/** Deletes the signed-in person's account; returns the receipt number of the request. */
export async function deleteMyAccount(supabase: Supabase): Promise<number> {
	const receipt = check('dataRights.deleteMyAccount', await supabase.rpc('delete_my_account'));
	if (receipt === null) throw new Error('dataRights.deleteMyAccount: no receipt number');
	return receipt;
}
