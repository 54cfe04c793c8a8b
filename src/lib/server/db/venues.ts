// Public places where lessons happen: their location is exact and public.
import type { Supabase, Tables } from '../../types/db';
import { check, checkList } from './errors';

export type VenueOption = Pick<
	Tables<'venues'>,
	'id' | 'ward_id' | 'kind' | 'name_vi' | 'name_en' | 'address' | 'lat' | 'lng'
>;

/** Every venue, by name; the city has a few dozen, so one list serves pickers and maps. */
export async function list(supabase: Supabase): Promise<VenueOption[]> {
	return checkList(
		'venues.list',
		await supabase
			.from('venues')
			.select('id, ward_id, kind, name_vi, name_en, address, lat, lng')
			.order('name_vi')
	);
}

export type WardVenue = Pick<
	Tables<'venues'>,
	| 'id'
	| 'kind'
	| 'name_vi'
	| 'address'
	| 'lat'
	| 'lng'
	| 'devices'
	| 'shared_tablets'
	| 'computers'
	| 'capacity'
	| 'wheelchair_accessible'
>;

export type VenueInput = Omit<WardVenue, 'id'>;

const WARD_COLUMNS =
	'id, kind, name_vi, address, lat, lng, devices, shared_tablets, computers, capacity, wheelchair_accessible';

/** The venues of one ward, by name, with their devices. */
export async function ofWard(supabase: Supabase, wardId: number): Promise<WardVenue[]> {
	return checkList(
		'venues.ofWard',
		await supabase.from('venues').select(WARD_COLUMNS).eq('ward_id', wardId).order('name_vi')
	);
}

/** Adds a venue to the ward; the policy checks the caller coordinates it. */
export async function create(
	supabase: Supabase,
	wardId: number,
	input: VenueInput
): Promise<number> {
	const row = check(
		'venues.create',
		await supabase
			.from('venues')
			.insert({ ...input, ward_id: wardId })
			.select('id')
			.single()
	);
	if (!row) throw new Error('insert returned no row');
	return row.id;
}

/** Edits a venue of the ward; false when there is none the caller may edit. */
export async function update(
	supabase: Supabase,
	wardId: number,
	id: number,
	input: VenueInput
): Promise<boolean> {
	const rows = checkList(
		'venues.update',
		await supabase.from('venues').update(input).eq('id', id).eq('ward_id', wardId).select('id')
	);
	return rows.length === 1;
}
