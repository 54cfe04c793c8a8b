// People and places for the matching suites: volunteers placed at a distance north of a point,
// with skills, a weekly slot, a radius and (optionally) a coordinator's verification.
import type { SupabaseClient } from '@supabase/supabase-js';
import { insertId, only, recordConsent, rows } from './helpers';

/** About 110.6 m per 0.001 degree of latitude at Ho Chi Minh City. */
export const METRES_PER_DEGREE = 110_600;

export interface Place {
	lat: number;
	lng: number;
}

/** A point `metres` north of `from`. */
export function north(from: Place, metres: number): Place {
	return { lat: from.lat + metres / METRES_PER_DEGREE, lng: from.lng };
}

/** A confirmed user with a profile, not signed in; returns the id. */
export async function createPerson(
	admin: SupabaseClient,
	email: string,
	profile: Record<string, unknown>
): Promise<string> {
	const created = await admin.auth.admin.createUser({
		email,
		password: 'mat-khau-rat-dai-123',
		email_confirm: true,
		user_metadata: { display_name: email.split('@')[0] }
	});
	if (created.error || !created.data.user) throw new Error(String(created.error?.message));
	const id = created.data.user.id;
	only(await admin.from('profiles').update(profile).eq('id', id).select('id'));
	await recordConsent(admin, id);
	return id;
}

export interface VolunteerSpec {
	ward: number;
	home: Place;
	skills: number[];
	verified?: boolean;
	languages?: string[];
	/** ISO weekday and local start; two hours long. Default Tuesday 18:00 (a weekday evening). */
	slot?: { weekday: number; start: string };
	radius?: number;
}

/** A volunteer as onboarding and a coordinator would leave them, written with the service key. */
export async function createVolunteer(
	admin: SupabaseClient,
	email: string,
	spec: VolunteerSpec
): Promise<string> {
	const id = await createPerson(admin, email, {
		ward_id: spec.ward,
		can_teach: true,
		languages: spec.languages ?? ['vi'],
		teaching_radius_m: spec.radius ?? 5000
	});
	rows(
		await admin
			.from('home_locations')
			.insert({ profile_id: id, ...spec.home })
			.select('profile_id')
	);
	rows(
		await admin
			.from('volunteer_skills')
			.insert(spec.skills.map((skill_id) => ({ profile_id: id, skill_id })))
			.select('skill_id')
	);
	const slot = spec.slot ?? { weekday: 2, start: '18:00' };
	const end = `${String(Number(slot.start.slice(0, 2)) + 2).padStart(2, '0')}${slot.start.slice(2)}`;
	await insertId(admin, 'availability_slots', {
		profile_id: id,
		weekday: slot.weekday,
		start_time: slot.start,
		end_time: end
	});
	if (spec.verified ?? true) {
		rows(
			await admin
				.from('volunteer_verifications')
				.insert({ profile_id: id, ward_id: spec.ward })
				.select('profile_id')
		);
	}
	return id;
}

/** A skill of its own (so only this suite's volunteers teach it). */
export async function ownSkill(admin: SupabaseClient, slug: string, category: number) {
	return insertId(admin, 'skills', {
		category_id: category,
		slug,
		title_vi: `Kỹ năng ${slug}`,
		title_en: `Skill ${slug}`
	});
}

export interface MatchRow {
	volunteer_id: string;
	display_name: string | null;
	rank: number;
	score: number;
	distance_m: number;
	approx_lat: number;
	approx_lng: number;
	level: string;
	verified: boolean;
	lessons_taught: number;
	no_shows: number;
	open_lessons: number;
	shared_languages: string[];
	matching_times: string[];
	matching_slots: { weekday: number; start: string; end: string; periods: string[] }[];
}
