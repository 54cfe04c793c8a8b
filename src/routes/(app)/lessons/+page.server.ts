import { loadMyLessons } from '$lib/server/lessons-page';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { userId } = await parent();
	return loadMyLessons(locals, userId);
}) satisfies PageServerLoad;
