import { goWithMessage, loadForm, readForm, rejectForm } from '$lib/forms/server';
import * as claims from '$lib/server/db/claims';
import { DbError } from '$lib/server/db/errors';
import { reissueClaimSchema } from '$lib/validation/reissue-claim';
import type { Actions, PageServerLoad } from './$types';

const REISSUE_FORM = 'reissue-claim';

export const load = (async (event) => {
	const [form, people] = await Promise.all([
		loadForm(event, reissueClaimSchema, { id: REISSUE_FORM }),
		claims.registeredByMe(event.locals.supabase)
	]);
	/** The new code's message (shown once), and the people this helper registered. */
	return { form, people };
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await readForm(event, reissueClaimSchema, REISSUE_FORM);
		if (!form.valid) return rejectForm(event, form);
		const people = await claims.registeredByMe(event.locals.supabase);
		const person = people.find((p) => p.learner_id === form.data.learner_id);
		try {
			const code = await claims.reissue(event.locals.supabase, form.data.learner_id);
			goWithMessage(event, '/assisted', REISSUE_FORM, {
				key: 'claim.helper.reissued',
				values: { name: person?.display_name ?? '', code },
				tone: 'ok'
			});
		} catch (error) {
			if (!(error instanceof DbError)) throw error;
			const key =
				error.cause.code === '22023' ? 'claim.helper.already_claimed' : 'claim.helper.not_yours';
			return rejectForm(event, form, { status: 409, message: { key, tone: 'error' } });
		}
	}
} satisfies Actions;
