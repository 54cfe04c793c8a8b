import { redirect } from '@sveltejs/kit';
import { loadForm, readForm, refuseForm, rejectForm } from '$lib/forms/server';
import { signedInUserId } from '$lib/server/auth/user';
import * as groups from '$lib/server/db/groups';
import { creatableWards } from '$lib/server/group-forms';
import { groupCreateSchema } from '$lib/validation/groups';
import type { Actions, PageServerLoad } from './$types';

const CREATE_FORM = 'group-create';

export const load = (async (event) => {
	const { locals } = event;
	const { userId } = await event.parent();
	const wardId = locals.profile?.ward_id ?? null;
	const [mine, inWard, wards] = await Promise.all([
		groups.mine(locals.supabase, userId),
		wardId ? groups.inWard(locals.supabase, wardId) : Promise.resolve([]),
		creatableWards(locals.supabase, userId, locals.profile)
	]);
	const names = await groups.wardNames(locals.supabase, [
		...new Set([...wards, ...(wardId ? [wardId] : [])])
	]);
	return {
		/** Groups the person belongs to or asked to join. */
		mine,
		/** Every group of the person's ward. */
		inWard,
		/** The person's ward, named. */
		ward: wardId ? (names.get(wardId) ?? null) : null,
		/** Wards the person may create a group in (empty: no creation form). */
		creatable: wards.flatMap((id) => (names.has(id) ? [names.get(id)!] : [])),
		form: await loadForm(event, groupCreateSchema, {
			id: CREATE_FORM,
			data: { ward_id: wards[0] ?? 0, kind: 'residential', name: '', description: '' }
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	create: async (event) => {
		const userId = signedInUserId(event.locals);
		const form = await readForm(event, groupCreateSchema, CREATE_FORM);
		if (!form.valid) return rejectForm(event, form);
		const wards = await creatableWards(event.locals.supabase, userId, event.locals.profile);
		if (!wards.includes(form.data.ward_id)) {
			return rejectForm(event, refuseForm(form, 'ward_id', 'groups.errors.ward'));
		}
		const id = await groups.create(event.locals.supabase, form.data);
		if (id === null) {
			return rejectForm(event, form, {
				message: { key: 'groups.errors.not_allowed', tone: 'error' }
			});
		}
		redirect(303, `/groups/${id}`);
	}
} satisfies Actions;
