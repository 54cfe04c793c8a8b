import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** One ward: straight to its board. Several: the page lists them to choose. */
export const load = (async ({ parent }) => {
	const { myWards } = await parent();
	const [only, ...others] = myWards;
	if (only && others.length === 0) redirect(303, `/ward/${only.id}`);
	return {};
}) satisfies PageServerLoad;
