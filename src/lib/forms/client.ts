// Client side of every form: superforms with the app's defaults (see `./server.ts` for the recipe).
import { browser } from '$app/environment';
import { onDestroy } from 'svelte';
import { get } from 'svelte/store';
import { superForm, type FormOptions, type SuperValidated } from 'sveltekit-superforms';
import { takeDraft, trackDraft } from './drafts';
import type { FormMessage } from './messages';

/**
 * `superForm` for a page form, called once in the page's `<script>`.
 * - `resetForm: false`: after a save the fields show what was saved. A reset would fall back to
 *   the HTML defaults, which Svelte removes after hydration: every box unticked, names blank.
 * - No client-side validation: the server answers in one round trip, and zod stays off the phone.
 * - What was typed survives the language switch (see `./drafts.ts`).
 * - What was typed before this script ran (a slow phone: the page is usable long before its
 *   JavaScript arrives) is taken from the server-rendered `<form data-form={id}>`, so hydration
 *   never puts the server's values back over it. Svelte keeps a typed text box by itself, but
 *   resets a `<select>` and checkbox groups to the bound value.
 */
export function useForm<T extends Record<string, unknown>, In extends Record<string, unknown>>(
	form: SuperValidated<T, FormMessage, In>,
	options: FormOptions<T, FormMessage, In> = {}
) {
	const superform = superForm(form, {
		dataType: 'form',
		resetForm: false,
		taintedMessage: null,
		scrollToError: 'smooth',
		autoFocusOnError: 'detect',
		...options
	});
	if (browser) {
		const typed = { ...typedBeforeHydration(form.id, form.data), ...takeDraft(form.id) };
		if (Object.keys(typed).length > 0) {
			superform.form.update((data) => ({ ...data, ...typed }), { taint: true });
		}
		onDestroy(trackDraft(form.id, () => get(superform.form)));
	}
	return superform;
}

/** Fields of the server-rendered form whose value differs from what the server rendered. */
function typedBeforeHydration(id: string, rendered: Record<string, unknown>) {
	const element = document.querySelector<HTMLFormElement>(`form[data-form="${CSS.escape(id)}"]`);
	const changed: Record<string, unknown> = {};
	if (!element) return changed;
	const posted = new FormData(element);
	for (const [key, was] of Object.entries(rendered)) {
		if (!element.elements.namedItem(key)) continue;
		const now = readAs(was, posted, key);
		if (now !== undefined && JSON.stringify(now) !== JSON.stringify(was)) changed[key] = now;
	}
	return changed;
}

/** A posted field read in the type of the value the server rendered for it. */
function readAs(was: unknown, posted: globalThis.FormData, key: string): unknown {
	if (typeof was === 'boolean') return posted.has(key); // a checkbox
	if (Array.isArray(was)) return posted.getAll(key).filter((v) => typeof v === 'string');
	const value = posted.get(key);
	if (typeof value !== 'string') return undefined;
	if (typeof was === 'string') return value;
	if (typeof was === 'number') return value === '' ? undefined : Number(value);
	return undefined; // null and the rest cannot be edited without JavaScript here
}
