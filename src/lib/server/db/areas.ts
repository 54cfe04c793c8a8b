// Cities/provinces and their wards, communes and special zones (two tiers since 1 July 2025).
// Relative imports only: a plain Node process (the worker) has no SvelteKit aliases.
import type { WardGroup } from '../../types/areas';
import type { Supabase } from '../../types/db';
import { checkList } from './errors';

export type { Area, Ward, WardGroup } from '../../types/areas';

const WARD_KINDS = ['ward', 'commune', 'special_zone'];

/** Every ward, grouped under its city or province, both sorted the Vietnamese way. */
export async function listWards(supabase: Supabase): Promise<WardGroup[]> {
	const rows = checkList(
		'areas.listWards',
		await supabase
			.from('areas')
			.select('id, kind, name_vi, name_en, center_lat, center_lng, parent_id')
	);
	const collator = new Intl.Collator('vi');
	const byName = (a: { name_vi: string }, b: { name_vi: string }) =>
		collator.compare(a.name_vi, b.name_vi);
	const parents = rows.filter((row) => !WARD_KINDS.includes(row.kind));
	const wards = rows.filter((row) => WARD_KINDS.includes(row.kind)).sort(byName);
	const groups: WardGroup[] = parents.sort(byName).map((parent) => ({
		parent: { id: parent.id, name_vi: parent.name_vi, name_en: parent.name_en },
		wards: wards.filter((ward) => ward.parent_id === parent.id)
	}));
	const orphans = wards.filter((ward) => !parents.some((p) => p.id === ward.parent_id));
	if (orphans.length) groups.push({ parent: null, wards: orphans });
	return groups.filter((group) => group.wards.length > 0);
}

/** One ward's names and centre, or null. */
export async function getWard(supabase: Supabase, id: number) {
	const rows = checkList(
		'areas.getWard',
		await supabase
			.from('areas')
			.select('id, name_vi, name_en, center_lat, center_lng')
			.eq('id', id)
			.in('kind', WARD_KINDS)
			.limit(1)
	);
	return rows[0] ?? null;
}
