// What the nearby list and map share: the volunteer's skills (for the filter) and the chosen one.
import * as skills from '$lib/server/db/skills';
import * as volunteerOffers from '$lib/server/db/volunteer-offers';

export async function loadNearbyContext(locals: App.Locals, userId: string, url: URL) {
	const [offer, skillList] = await Promise.all([
		volunteerOffers.get(locals.supabase, userId),
		skills.listActive(locals.supabase)
	]);
	const taught = new Set(offer?.skills.map((s) => s.skill_id));
	const raw = Number(url.searchParams.get('skill'));
	const skillId = taught.has(raw) ? raw : null;
	return {
		/** False until the person has offered help: the page says how to. */
		teaches: Boolean(offer?.canTeach && taught.size),
		/** The skills the volunteer teaches, for the filter. */
		skills: skillList.filter((s) => taught.has(s.id)),
		skillId
	};
}
