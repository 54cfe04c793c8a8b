// Loads and saves the fields shared by onboarding and the profile page.
import { env } from '$env/dynamic/public';
import * as areas from '$lib/server/db/areas';
import * as homeLocations from '$lib/server/db/home-locations';
import * as profiles from '$lib/server/db/profiles';
import { fail, type Cookies } from '@sveltejs/kit';
import { savePrefsCookies } from '$lib/server/preferences';
import { formToObject, parseForm, type FieldErrors } from '$lib/validation/form';
import { onboardingSchema, PROFILE_ARRAY_FIELDS, profileSchema } from '$lib/validation/profile';

const DEFAULT_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export async function loadProfileForm(locals: App.Locals, userId: string) {
	const [profile, wardGroups, home] = await Promise.all([
		profiles.get(locals.supabase, userId),
		areas.listWards(locals.supabase),
		homeLocations.get(locals.supabase, userId)
	]);
	if (!profile) throw new Error(`no profile row for user ${userId}`);
	const ward = wardGroups.flatMap((g) => g.wards).find((w) => w.id === profile.ward_id);
	const atCentre = home && ward && home.lat === ward.center_lat && home.lng === ward.center_lng;
	return {
		profile,
		wardGroups,
		/** A point the person picked on the map; null while the ward centre stands in for it. */
		home: atCentre ? null : home,
		/** Map tiles; an empty PUBLIC_MAP_TILE_URL shows the marker on a blank map (tests, offline). */
		tileUrl: env.PUBLIC_MAP_TILE_URL ?? DEFAULT_TILES
	};
}

/**
 * The action behind onboarding and the profile page: validates, saves, and applies the display
 * preferences at once. A failure keeps what was typed; success returns the submitted form.
 */
export async function submitProfileForm(
	event: { request: Request; locals: App.Locals; cookies: Cookies },
	options: { onboarded?: boolean } = {}
) {
	const { request, locals, cookies } = event;
	const form = await request.formData();
	const schema = options.onboarded ? onboardingSchema : profileSchema;
	const parsed = parseForm(schema, form, PROFILE_ARRAY_FIELDS);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
	const saved = await profiles.saveForm(locals.supabase, parsed.data, {
		onboarding: options.onboarded
	});
	if (saved === 'unknown_ward') {
		const errors: FieldErrors = { ward_id: 'validation.ward_required' };
		return fail(400, { errors, values: formToObject(form, PROFILE_ARRAY_FIELDS) });
	}
	locals.prefs = { textSize: parsed.data.text_size, highContrast: parsed.data.high_contrast };
	savePrefsCookies(cookies, locals.prefs);
	return { form };
}
