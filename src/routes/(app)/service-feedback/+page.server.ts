import { loadForm } from '$lib/forms/server';
import { signedInUserId } from '$lib/server/auth/user';
import * as feedback from '$lib/server/db/service-feedback';
import { loadNotice, runWardButton, runWardForm } from '$lib/server/ward-ops';
import { retireSchema, serviceFeedbackSchema } from '$lib/validation/wardops';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => ({
	/** Tell the ward what went wrong. */
	form: await loadForm(event, serviceFeedbackSchema, { id: 'service-feedback' }),
	/** What I reported before, newest first. */
	mine: await feedback.mine(event.locals.supabase),
	/** What withdrawing did. */
	notice: await loadNotice(event, 'my-service-feedback')
})) satisfies PageServerLoad;

export const actions = {
	report: (event) =>
		runWardForm(event, serviceFeedbackSchema, 'service-feedback', async (data) => {
			await feedback.create(event.locals.supabase, signedInUserId(event.locals), data);
			return 'wardops.feedback.thanks';
		}),
	withdraw: (event) =>
		runWardButton(event, retireSchema.pick({ id: true }), 'my-service-feedback', async ({ id }) => {
			await feedback.withdraw(event.locals.supabase, id);
			return 'wardops.feedback.withdrawn';
		})
} satisfies Actions;
