// Reads the map settings from the environment, with OpenStreetMap's tiles and credit by default.
import { env } from '$env/dynamic/public';
import type { MapSettings } from '$lib/map/settings';

const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export function mapSettings(): MapSettings {
	return {
		tileUrl: env.PUBLIC_MAP_TILE_URL ?? OSM_TILES,
		attribution: env.PUBLIC_MAP_ATTRIBUTION || '© OpenStreetMap',
		attributionUrl: env.PUBLIC_MAP_ATTRIBUTION_URL ?? 'https://www.openstreetmap.org/copyright'
	};
}
