// A refusal made in a hook, shown as the app's own error page in the person's language.
// SvelteKit renders an error thrown from `handle` with the static src/error.html, not with
// +error.svelte, so the hook asks the app for /refused (whose load throws the status) instead.
import { json, type RequestEvent } from '@sveltejs/kit';

export const REFUSED_PATH = '/refused';

export async function refuse(event: RequestEvent, status: 403 | 413): Promise<Response> {
	const accept = event.request.headers.get('accept') ?? '';
	// use:enhance and data requests want JSON; the client then renders +error.svelte itself.
	if (accept.includes('application/json') || event.isDataRequest) {
		return json({ message: status === 413 ? 'Payload Too Large' : 'Forbidden' }, { status });
	}
	// A same-origin GET: cookies (the language, the session) come along; Accept-Language does not.
	const page = await event.fetch(`${REFUSED_PATH}?status=${status}`, {
		headers: { 'accept-language': event.request.headers.get('accept-language') ?? '' }
	});
	return new Response(await page.text(), {
		status,
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
}
