// What is typed in a page's forms, kept across the language switch's reload (this tab only).
// Its own module, free of superforms, because the header's language switch imports it on every page.
import { browser } from '$app/environment';

const STORAGE_KEY = 'form-drafts';
/** Fields never written to storage. */
const SECRETS = ['password', 'code'];
/** Forms on the current page: id → what they hold now. */
const live = new Map<string, () => Record<string, unknown>>();

/** Registers a form; returns the function that unregisters it. */
export function trackDraft(id: string, read: () => Record<string, unknown>): () => void {
	live.set(id, read);
	return () => {
		if (live.get(id) === read) live.delete(id);
	};
}

/** Called just before the language switch reloads the page. */
export function keepDrafts(): void {
	if (!browser || live.size === 0) return;
	const drafts: Record<string, Record<string, unknown>> = {};
	for (const [id, read] of live) {
		const data = { ...read() };
		for (const key of SECRETS) delete data[key];
		drafts[id] = data;
	}
	sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ path: location.pathname, drafts }));
}

/** The draft kept for form `id` on this page, once. */
export function takeDraft(id: string): Record<string, unknown> | null {
	const raw = browser ? sessionStorage.getItem(STORAGE_KEY) : null;
	if (!raw) return null;
	try {
		const saved = JSON.parse(raw) as {
			path: string;
			drafts: Record<string, Record<string, unknown>>;
		};
		const draft = saved.path === location.pathname ? saved.drafts[id] : undefined;
		if (!draft) return null;
		delete saved.drafts[id];
		sessionStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
		return draft;
	} catch {
		sessionStorage.removeItem(STORAGE_KEY);
		return null;
	}
}
