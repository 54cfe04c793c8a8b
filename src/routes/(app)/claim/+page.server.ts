import { goWithMessage, loadForm, readForm, rejectForm } from '$lib/forms/server';
import type { FormMessage } from '$lib/forms/messages';
import * as claims from '$lib/server/db/claims';
import { claimSchema } from '$lib/validation/claim';
import type { Actions, PageServerLoad } from './$types';

const CLAIM_FORM = 'claim';

/** What the page says when the database refused the code. */
const REFUSALS: Record<Exclude<claims.ClaimOutcome['outcome'], 'claimed'>, FormMessage> = {
	wrong_code: { key: 'claim.wrong_code', tone: 'error' },
	locked: { key: 'claim.locked', tone: 'error' },
	code_locked: { key: 'claim.code_locked', tone: 'error' },
	not_allowed: { key: 'claim.not_allowed', tone: 'error' }
};

export const load = (async (event) => {
	return {
		/** The code form; after a claim its message says it is done. */
		form: await loadForm(event, claimSchema, { id: CLAIM_FORM }),
		/** Not yet onboarded: the page also offers filling in one's own details instead. */
		onboarded: Boolean(event.locals.profile?.onboarded_at)
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await readForm(event, claimSchema, CLAIM_FORM);
		if (!form.valid) return rejectForm(event, form);
		const result = await claims.claim(event.locals.supabase, form.data.code);
		if (result.outcome !== 'claimed') {
			const status =
				result.outcome === 'locked' || result.outcome === 'code_locked'
					? 429
					: result.outcome === 'wrong_code'
						? 400
						: 403;
			return rejectForm(event, form, { status, message: REFUSALS[result.outcome] });
		}
		goWithMessage(event, '/claim', CLAIM_FORM, { key: 'claim.done', tone: 'ok' });
	}
} satisfies Actions;
