// Public places where lessons happen: their location is exact and public.
import type { Supabase, Tables } from '../../types/db';
import { checkList } from './errors';

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
