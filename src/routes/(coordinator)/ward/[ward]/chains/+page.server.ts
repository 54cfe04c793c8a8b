import { error } from '@sveltejs/kit';
import { DbError } from '$lib/server/db/errors';
import * as groups from '$lib/server/db/groups';
import * as ripple from '$lib/server/db/ripple';
import type { PageServerLoad } from './$types';

/** How many chains each list shows. */
const SHOWN = 10;

export const load = (async ({ locals, params }) => {
	const wardId = Number(params.ward);
	if (!Number.isSafeInteger(wardId) || wardId <= 0) error(404, 'Not found');
	// The database checks that the caller coordinates this ward (42501 otherwise).
	const chains = await ripple.wardChains(locals.supabase, wardId).catch((e: unknown) => {
		if (e instanceof DbError && e.cause.code === '42501') error(403, 'Forbidden');
		throw e;
	});
	const [names, proposals] = await Promise.all([
		groups.wardNames(locals.supabase, [wardId]),
		groups.proposedInWard(locals.supabase, wardId)
	]);
	return {
		ward: names.get(wardId) ?? null,
		/** Chains that go deepest (then widest). */
		longest: [...chains].sort((a, b) => b.depth - a.depth || b.people - a.people).slice(0, SHOWN),
		/** Chains that reach the most people (then deepest). */
		widest: [...chains].sort((a, b) => b.people - a.people || b.depth - a.depth).slice(0, SHOWN),
		/** Awards group leaders proposed, waiting for the ward (approved on each group's page). */
		proposals
	};
}) satisfies PageServerLoad;
