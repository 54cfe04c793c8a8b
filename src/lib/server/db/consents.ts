// Consent records (Law 91/2025/QH15 on personal data protection, Decree 356/2025/ND-CP): what was
// agreed to, which version, when. Append-only. A new version of a text is asked for again at the next
// visit (see routes/(app)/+layout.server.ts), so bump it whenever the text changes.
import type { Supabase, Tables } from '../../types/db';
import { checkList } from './errors';

export const CONSENT_VERSIONS = { terms: '2025-07-01', personal_data: '2026-01-01' } as const;
export type ConsentKind = keyof typeof CONSENT_VERSIONS;
export type Consent = Pick<Tables<'consents'>, 'kind' | 'version' | 'granted' | 'granted_at'>;

/** The newest record of each kind (a withdrawal is a newer row with granted = false). */
export async function latest(supabase: Supabase, profileId: string): Promise<Consent[]> {
	const rows = checkList(
		'consents.latest',
		await supabase
			.from('consents')
			.select('kind, version, granted, granted_at')
			.eq('profile_id', profileId)
			.order('granted_at', { ascending: false })
	);
	return rows.filter((row, index) => rows.findIndex((other) => other.kind === row.kind) === index);
}
