import { loadProposeForm, proposeAction } from '$lib/server/propose-form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { userId } = await event.parent();
	return loadProposeForm(event, userId);
}) satisfies PageServerLoad;

export const actions = { default: proposeAction } satisfies Actions;
