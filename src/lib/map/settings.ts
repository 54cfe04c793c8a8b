// What every map needs from the settings: where tiles come from and whom to credit for them.
export interface MapSettings {
	/** Tile URL template ({s},{z},{x},{y}); empty means no background (tests, offline installs). */
	tileUrl: string;
	/** Credit shown under the map, as plain text. */
	attribution: string;
	/** Where the credit links to; empty for no link. */
	attributionUrl: string;
}

export const HCMC_CENTRE = { lat: 10.7769, lng: 106.7009 };
