// The one place that loads Leaflet (and its clustering plugin): only map pages pay for it, in onMount.
import type * as Leaflet from 'leaflet';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png';
import iconUrl from 'leaflet/dist/images/marker-icon.png';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png';

export type LeafletModule = typeof Leaflet;

/** Leaflet with its CSS; `cluster` adds leaflet.markercluster, which expects a global `L`. */
export async function loadLeaflet(options: { cluster?: boolean } = {}): Promise<LeafletModule> {
	const [{ default: L }] = await Promise.all([
		import('leaflet'),
		import('leaflet/dist/leaflet.css')
	]);
	if (options.cluster) {
		(globalThis as unknown as { L: LeafletModule }).L = L;
		await Promise.all([
			import('leaflet.markercluster'),
			import('leaflet.markercluster/dist/MarkerCluster.css'),
			import('leaflet.markercluster/dist/MarkerCluster.Default.css')
		]);
	}
	return L;
}

/** Leaflet's default pin, with its images imported explicitly so the bundler ships them. */
export function pinIcon(L: LeafletModule): Leaflet.Icon {
	return L.icon({
		iconUrl,
		iconRetinaUrl,
		shadowUrl,
		iconSize: [25, 41],
		iconAnchor: [12, 41],
		popupAnchor: [1, -34],
		shadowSize: [41, 41]
	});
}
