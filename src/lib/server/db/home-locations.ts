// The exact point near someone's home: readable only by its owner (the database enforces it).
import type { Supabase, Tables } from '../../types/db';
import { check } from './errors';

export type HomeLocation = Pick<Tables<'home_locations'>, 'lat' | 'lng'>;

export async function get(supabase: Supabase, profileId: string): Promise<HomeLocation | null> {
	return check(
		'homeLocations.get',
		await supabase
			.from('home_locations')
			.select('lat, lng')
			.eq('profile_id', profileId)
			.maybeSingle()
	);
}
