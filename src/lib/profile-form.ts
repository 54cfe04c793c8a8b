// What the onboarding and profile forms show: from the saved profile, or from what was just typed.
import { isTextSize, type TextSize } from '$lib/preferences';

export interface ProfileFormValues {
	display_name: string;
	wants_to_learn: boolean;
	can_teach: boolean;
	ward_id: string;
	lat: string;
	lng: string;
	languages: string[];
	text_size: TextSize;
	high_contrast: boolean;
}

interface SavedProfile {
	display_name: string | null;
	wants_to_learn: boolean;
	can_teach: boolean;
	ward_id: number | null;
	languages: string[];
	text_size: string;
	high_contrast: boolean;
}

export function valuesFromProfile(
	profile: SavedProfile,
	home: { lat: number; lng: number } | null
): ProfileFormValues {
	return {
		display_name: profile.display_name ?? '',
		wants_to_learn: profile.wants_to_learn,
		can_teach: profile.can_teach,
		ward_id: profile.ward_id === null ? '' : String(profile.ward_id),
		lat: home ? String(home.lat) : '',
		lng: home ? String(home.lng) : '',
		languages: profile.languages,
		text_size: isTextSize(profile.text_size) ? profile.text_size : 'normal',
		high_contrast: profile.high_contrast
	};
}

/** Raw values of a rejected submission (checkboxes arrive as 'on' or not at all). */
export function valuesFromSubmission(values: Record<string, unknown>): ProfileFormValues {
	const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : '');
	const size = values.text_size;
	return {
		display_name: text('display_name'),
		wants_to_learn: values.wants_to_learn === 'on',
		can_teach: values.can_teach === 'on',
		ward_id: text('ward_id'),
		lat: text('lat'),
		lng: text('lng'),
		languages: Array.isArray(values.languages) ? values.languages.map(String) : [],
		text_size: isTextSize(size) ? size : 'normal',
		high_contrast: values.high_contrast === 'on'
	};
}
