// The profile editor that onboarding and the profile page share: its load and its action.
import type { RequestEvent } from '@sveltejs/kit';
import * as areas from '$lib/server/db/areas';
import * as homeLocations from '$lib/server/db/home-locations';
import * as profiles from '$lib/server/db/profiles';
import { mapSettings } from '$lib/server/map-settings';
import { savePrefsCookies } from '$lib/server/preferences';
import { setError } from 'sveltekit-superforms';
import { loadForm, readForm, refuseForm, rejectForm } from '$lib/forms/server';
import { isTextSize } from '$lib/preferences';
import { onboardingSchema, profileSchema, type ProfileInput } from '$lib/validation/profile';

/** Superforms ids: one form each, so a flashed state never lands on the other page. */
export const PROFILE_FORM = 'profile';
export const ONBOARDING_FORM = 'onboarding';

export async function loadProfileEditor(
	event: Pick<RequestEvent, 'cookies' | 'url' | 'locals' | 'request'>,
	userId: string,
	options: { onboarding?: { role: 'learn' | 'teach' | null; redirectTo: string } } = {}
) {
	const { locals } = event;
	// A page load uses the row the auth hook read; after a form action that row may be stale.
	const fresh = event.request.method === 'GET' ? locals.profile : null;
	const [profile, wardGroups, home] = await Promise.all([
		fresh ?? profiles.get(locals.supabase, userId),
		areas.listWards(locals.supabase),
		homeLocations.get(locals.supabase, userId)
	]);
	if (!profile) throw new Error(`no profile row for user ${userId}`);
	const ward = wardGroups.flatMap((g) => g.wards).find((w) => w.id === profile.ward_id);
	const atCentre = home && ward && home.lat === ward.center_lat && home.lng === ward.center_lng;
	const picked = atCentre ? null : home;
	const saved = {
		display_name: profile.display_name ?? '',
		wants_to_learn: profile.wants_to_learn,
		can_teach: profile.can_teach,
		ward_id: profile.ward_id ?? 0,
		lat: picked?.lat ?? null,
		lng: picked?.lng ?? null,
		languages: profile.languages as ProfileInput['languages'],
		text_size: isTextSize(profile.text_size) ? profile.text_size : 'normal',
		high_contrast: profile.high_contrast
	} satisfies ProfileInput;
	const onboarding = options.onboarding;
	const form = onboarding
		? await loadForm(event, onboardingSchema, {
				id: ONBOARDING_FORM,
				data: {
					...saved,
					wants_to_learn: saved.wants_to_learn || onboarding.role === 'learn',
					can_teach: saved.can_teach || onboarding.role === 'teach',
					redirect_to: onboarding.redirectTo
				}
			})
		: await loadForm(event, profileSchema, { id: PROFILE_FORM, data: saved });
	return {
		form,
		wardGroups,
		/** Map tiles and their credit; an empty tile URL shows the marker on a blank map. */
		map: mapSettings()
	};
}

/**
 * The action behind both pages: validates, saves, and applies the display preferences at once.
 * Returns the saved form, or the answer that refuses it (what was typed is kept).
 */
export async function submitProfileEditor(
	event: RequestEvent,
	options: { onboarding?: boolean } = {}
) {
	const form = options.onboarding
		? await readForm(event, onboardingSchema, ONBOARDING_FORM)
		: await readForm(event, profileSchema, PROFILE_FORM);
	if (!form.valid) return { refused: rejectForm(event, form) };
	const { locals, cookies } = event;
	// One transaction: the ward check, the profile, the home point, and at onboarding the consents.
	const saved = await profiles.saveForm(locals.supabase, form.data, options);
	if (saved === 'unknown_ward') {
		return { refused: rejectForm(event, refuseForm(form, 'ward_id', 'validation.ward_required')) };
	}
	if (saved === 'too_young_to_teach') {
		// Said under the roles (where "can teach" is ticked), what was typed kept.
		setError(form, 'roles' as never, 'consent.minors.too_young_to_teach');
		return { refused: rejectForm(event, form) };
	}
	locals.prefs = { textSize: form.data.text_size, highContrast: form.data.high_contrast };
	savePrefsCookies(cookies, locals.prefs);
	return { saved: form };
}
