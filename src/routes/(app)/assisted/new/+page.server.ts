import { goWithMessage, loadForm, readForm, refuseForm, rejectForm } from '$lib/forms/server';
import { signedInUserId } from '$lib/server/auth/user';
import * as areas from '$lib/server/db/areas';
import * as assistedLearners from '$lib/server/db/assisted-learners';
import { DbError } from '$lib/server/db/errors';
import * as skills from '$lib/server/db/skills';
import { mapSettings } from '$lib/server/map-settings';
import { normalizeVietnamesePhone } from '$lib/phone';
import { assistedLearnerSchema } from '$lib/validation/assisted-learner';
import type { Actions, PageServerLoad } from './$types';

const ASSISTED_FORM = 'assisted-learner';

export const load = (async (event) => {
	await event.parent();
	const { supabase } = event.locals;
	const [form, wardGroups, skillList] = await Promise.all([
		loadForm(event, assistedLearnerSchema, { id: ASSISTED_FORM }),
		areas.listWards(supabase),
		skills.listActive(supabase)
	]);
	return { form, wardGroups, skills: skillList, map: mapSettings() };
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		signedInUserId(event.locals);
		const form = await readForm(event, assistedLearnerSchema, ASSISTED_FORM);
		if (!form.valid) return rejectForm(event, form);
		try {
			const phone = normalizeVietnamesePhone(form.data.phone) ?? '';
			const done = await assistedLearners.register(event.locals.supabase, { ...form.data, phone });
			goWithMessage(event, '/assisted/new', ASSISTED_FORM, {
				key: 'matching.assisted.done',
				values: { name: form.data.display_name, code: done.claimCode, request: done.requestId },
				tone: 'ok'
			});
		} catch (error) {
			if (!(error instanceof DbError)) throw error;
			if (error.cause.code === '23505') {
				return rejectForm(event, refuseForm(form, 'phone', 'matching.assisted.phone_taken'));
			}
			if (error.cause.code === '42501') {
				return rejectForm(event, form, {
					status: 403,
					message: { key: 'matching.assisted.not_allowed', tone: 'error' }
				});
			}
			if (error.cause.code === '23503') {
				return rejectForm(event, refuseForm(form, 'ward_id', 'validation.ward_required'));
			}
			throw error;
		}
	}
} satisfies Actions;
