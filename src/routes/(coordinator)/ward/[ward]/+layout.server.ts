import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/**
 * A ward the caller coordinates, else 404 (a ward they do not coordinate is not theirs to know
 * about). Every database function below checks the ward again itself.
 */
export const load = (async ({ params, parent }) => {
	const { myWards } = await parent();
	const id = /^\d{1,18}$/.test(params.ward) ? Number(params.ward) : NaN;
	const ward = myWards.find((w) => w.id === id);
	if (!ward) error(404, 'Not Found');
	return {
		/** The ward of this board: id and names. */
		ward
	};
}) satisfies LayoutServerLoad;
