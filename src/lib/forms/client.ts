// Client side of every form: superforms with the app's defaults (see `./server.ts` for the recipe).
import { browser } from '$app/environment';
import { onDestroy } from 'svelte';
import { get } from 'svelte/store';
import { superForm, type FormOptions, type SuperValidated } from 'sveltekit-superforms';
import type { FormMessage } from './messages';

const DRAFTS_KEY = 'form-drafts';
/** Fields never written to storage. */
const SECRETS = ['password', 'code'];
/** Forms on the current page that can keep a draft across a language switch. */
const live = new Map<string, () => Record<string, unknown>>();

/**
 * `superForm` for a page form. `resetForm: false`: after a save the fields show what was saved (a
 * reset would fall back to the HTML defaults, which Svelte removes after hydration: every box
 * unticked). No client-side validation: the server's answer is one round trip, and zod stays off
 * the phone.
 */
export function useForm<T extends Record<string, unknown>, In extends Record<string, unknown>>(
	form: SuperValidated<T, FormMessage, In>,
	options: FormOptions<T, FormMessage, In> = {}
) {
	const sf = superForm(form, {
		dataType: 'form',
		resetForm: false,
		taintedMessage: null,
		scrollToError: 'smooth',
		autoFocusOnError: 'detect',
		...options
	});
	if (browser) {
		const draft = takeDraft(form.id);
		if (draft) sf.form.update((data) => ({ ...data, ...draft }), { taint: true });
		live.set(form.id, () => get(sf.form));
		onDestroy(() => live.delete(form.id));
	}
	return sf;
}

/**
 * Called just before the language switch reloads the page: what is typed in the page's forms is
 * kept for the reloaded page (this tab only), so changing language never loses it.
 */
export function keepDrafts() {
	if (!browser || live.size === 0) return;
	const drafts: Record<string, Record<string, unknown>> = {};
	for (const [id, read] of live) {
		const data = { ...read() };
		for (const key of SECRETS) delete data[key];
		drafts[id] = data;
	}
	sessionStorage.setItem(DRAFTS_KEY, JSON.stringify({ path: location.pathname, drafts }));
}

function takeDraft(id: string): Record<string, unknown> | null {
	const raw = sessionStorage.getItem(DRAFTS_KEY);
	if (!raw) return null;
	try {
		const saved = JSON.parse(raw) as {
			path: string;
			drafts: Record<string, Record<string, unknown>>;
		};
		if (saved.path !== location.pathname || !saved.drafts[id]) return null;
		const draft = saved.drafts[id];
		delete saved.drafts[id];
		sessionStorage.setItem(DRAFTS_KEY, JSON.stringify(saved));
		return draft;
	} catch {
		sessionStorage.removeItem(DRAFTS_KEY);
		return null;
	}
}
