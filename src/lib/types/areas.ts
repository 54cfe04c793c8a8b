// Area shapes the ward picker (a client component) and the server share.
import type { Tables } from './db';

export type Area = Tables<'areas'>;
export type Ward = Pick<
	Area,
	'id' | 'name_vi' | 'name_en' | 'center_lat' | 'center_lng' | 'parent_id'
>;
export interface WardGroup {
	parent: Pick<Area, 'id' | 'name_vi' | 'name_en'> | null;
	wards: Ward[];
}
