// Loads and saves the fields shared by onboarding and the profile page.
import * as areas from '$lib/server/db/areas';
import * as consents from '$lib/server/db/consents';
import * as homeLocations from '$lib/server/db/home-locations';
import * as profiles from '$lib/server/db/profiles';
import { fail, type Cookies } from '@sveltejs/kit';
import { mapSettings } from '$lib/server/map-settings';
import { savePrefsCookies } from '$lib/server/preferences';
import { formToObject, parseForm, type FieldErrors } from '$lib/validation/form';
import {
	onboardingSchema,
	PROFILE_ARRAY_FIELDS,
	profileSchema,
	type ProfileInput
} from '$lib/validation/profile';

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
		/** Map tiles and their credit; an empty tile URL shows the marker on a blank map. */
		map: mapSettings()
	};
}

/**
 * The action behind onboarding and the profile page: validates, saves, and applies the display
 * preferences at once. A failure keeps what was typed; success returns the submitted form.
 */
export async function submitProfileForm(
	event: { request: Request; locals: App.Locals; cookies: Cookies },
	userId: string,
	options: { onboarded?: boolean } = {}
) {
	const { request, locals, cookies } = event;
	const form = await request.formData();
	const schema = options.onboarded ? onboardingSchema : profileSchema;
	const parsed = parseForm(schema, form, PROFILE_ARRAY_FIELDS);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
	if ((await saveProfileForm(locals, userId, parsed.data, options)) === 'unknown_ward') {
		const errors: FieldErrors = { ward_id: 'validation.ward_required' };
		return fail(400, { errors, values: formToObject(form, PROFILE_ARRAY_FIELDS) });
	}
	locals.prefs = { textSize: parsed.data.text_size, highContrast: parsed.data.high_contrast };
	savePrefsCookies(cookies, locals.prefs);
	return { form };
}

/** Saves the profile and the home point (the ward centre unless one was picked on the map). */
async function saveProfileForm(
	locals: App.Locals,
	userId: string,
	input: ProfileInput,
	options: { onboarded?: boolean } = {}
): Promise<'saved' | 'unknown_ward'> {
	const ward = await areas.getWard(locals.supabase, input.ward_id);
	if (!ward) return 'unknown_ward';
	const point =
		input.lat !== null && input.lng !== null
			? { lat: input.lat, lng: input.lng }
			: { lat: ward.center_lat, lng: ward.center_lng };
	await profiles.save(locals.supabase, userId, input, options);
	await homeLocations.set(locals.supabase, userId, point);
	if (options.onboarded) await consents.record(locals.supabase, userId, ['terms', 'personal_data']);
	return 'saved';
}
