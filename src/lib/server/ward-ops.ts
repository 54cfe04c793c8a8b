// Shared by the ward board's venue, class, material and feedback pages: which ward the address
// names (only one the caller coordinates; the database checks it again on every call), and one
// action runner that turns a database refusal into words on the form.
import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { ZodValidationSchema } from 'sveltekit-superforms/adapters';
import type { FormMessage } from '$lib/forms/messages';
import { goWithMessage, loadForm, pageUrl, readForm, rejectForm } from '$lib/forms/server';
import { signedInUserId } from '$lib/server/auth/user';
import * as areas from '$lib/server/db/areas';
import * as coordinators from '$lib/server/db/coordinators';
import { WardRefusal } from '$lib/server/db/ward-refusal';

/** The ward of `[ward]` in the address, when the caller coordinates it; 404 otherwise. */
export async function requireWard(event: RequestEvent) {
	const id = Number(event.params.ward);
	if (!Number.isSafeInteger(id) || id < 1) error(404, 'Not found');
	const mine = await coordinators.wardsOf(event.locals.supabase, signedInUserId(event.locals));
	// Another ward's address answers as if it did not exist: nothing to learn about it.
	if (!mine.includes(id)) error(404, 'Not found');
	const ward = await areas.getWard(event.locals.supabase, id);
	if (!ward) error(404, 'Not found');
	return ward;
}

/**
 * Runs one form of a ward page: validation, the verb, a refusal in words. `run` returns the
 * message key of success, or a refusal for the whole form.
 */
export async function runWardForm<S extends ZodValidationSchema>(
	event: RequestEvent,
	schema: S,
	formId: string,
	run: (data: z.output<S>) => Promise<FormMessage['key'] | { refuse: FormMessage }>
) {
	const form = await readForm(event, schema, formId);
	if (!form.valid) return rejectForm(event, form);
	let outcome: Awaited<ReturnType<typeof run>>;
	try {
		outcome = await run(form.data as z.output<S>);
	} catch (caught) {
		if (!(caught instanceof WardRefusal)) throw caught;
		return rejectForm(event, form, {
			message: { key: `wardops.refusal.${caught.reason}`, tone: 'error' }
		});
	}
	if (typeof outcome === 'object') return rejectForm(event, form, { message: outcome.refuse });
	// Back to the page itself (an edit's `?edit=` dropped), so an add form starts empty again.
	goWithMessage(event, event.url.pathname, formId, { key: outcome, tone: 'ok' });
}

/** Where a page with button forms (sign up, mark present, retire) says what just happened. */
export const noticeSchema = z.object({});

export function loadNotice(event: RequestEvent, id: string) {
	return loadForm(event, noticeSchema, { id });
}

/**
 * Runs one button form (a few hidden fields): whatever happens, back to the page saying so in
 * the notice `noticeId` (post-redirect-get, with or without JavaScript).
 */
export async function runWardButton<S extends ZodValidationSchema>(
	event: RequestEvent,
	schema: S,
	noticeId: string,
	run: (data: z.output<S>) => Promise<FormMessage['key']>
): Promise<never> {
	const form = await readForm(event, schema, noticeId);
	const back = pageUrl(event.url);
	if (!form.valid)
		goWithMessage(event, back, noticeId, { key: 'validation.invalid', tone: 'error' });
	let key: FormMessage['key'];
	try {
		key = await run(form.data as z.output<S>);
	} catch (caught) {
		if (!(caught instanceof WardRefusal)) throw caught;
		goWithMessage(event, back, noticeId, {
			key: `wardops.refusal.${caught.reason}`,
			tone: 'error'
		});
	}
	goWithMessage(event, back, noticeId, { key, tone: 'ok' });
}
