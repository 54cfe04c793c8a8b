// Reads what is left of a request body that the answer did not need.
//
// Why: adapter-node starts reading a POST body as soon as the request arrives and pauses the
// connection once its buffer is full. When the app answers without reading the body (a sign-in
// redirect, a cross-site refusal, an action that does not exist), the rest of a large body stays
// on the wire, the paused keep-alive connection never reads the client's next request, and Node
// closes it after keepAliveTimeout: that next request, however small, ends in ECONNRESET
// (bench/fuzz.ts found 85 in 10,000). Reading the remainder (at most BODY_SIZE_LIMIT, 512 KB by
// default; adapter-node refuses a larger declared body before reading any of it, with 413) frees
// the connection for the next request.
import type { Handle } from '@sveltejs/kit';

/** adapter-node's BODY_SIZE_LIMIT in bytes ('512K' by default; K, M, G suffixes; Infinity). */
export function bodySizeLimit(setting: string | undefined): number {
	const value = (setting ?? '512K').trim();
	const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[value.slice(-1).toUpperCase()];
	const n = Number(unit ? value.slice(0, -1) : value);
	if (!Number.isFinite(n) && value !== 'Infinity') return 512 * 1024;
	return n * (unit ?? 1);
}

/**
 * True when the request declares a body over the limit: adapter-node would refuse to read it, so
 * the guard answers 413 with the app's own page in the person's language before any action runs.
 */
export function declaredTooLarge(request: Request, limit: number): boolean {
	const length = Number(request.headers.get('content-length') ?? 0);
	return Number.isFinite(length) && length > limit;
}

export async function drain(request: Request): Promise<void> {
	if (!request.body || request.bodyUsed) return;
	try {
		await request.arrayBuffer();
	} catch {
		// Over the limit mid-stream or the client went away: adapter-node has stopped reading.
	}
}

export const drainBody: Handle = async ({ event, resolve }) => {
	try {
		return await resolve(event);
	} finally {
		await drain(event.request);
	}
};
