import { lessonActions, loadNotice } from '$lib/server/lesson-actions';
import { loadLesson } from '$lib/server/lesson-page';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { userId } = await event.parent();
	return {
		...(await loadLesson(event, userId)),
		notice: await loadNotice(event),
		justProposed: event.url.searchParams.has('proposed')
	};
}) satisfies PageServerLoad;

export const actions = lessonActions satisfies Actions;
