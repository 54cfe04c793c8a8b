// Strict decoding of what a REST request carries: UTF-8 that does not decode is refused (400),
// as PostgREST does, instead of being replaced with U+FFFD and stored.
import { ApiError } from './errors';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function hex(c: number): number {
	if (c >= 48 && c <= 57) return c - 48;
	if (c >= 65 && c <= 70) return c - 55;
	if (c >= 97 && c <= 102) return c - 87;
	return -1;
}

/** Percent-decodes `text` to bytes and decodes them as strict UTF-8; null when they are not. */
export function decodeStrict(text: string, plusIsSpace: boolean): string | null {
	if (!text.includes('%')) return plusIsSpace ? text.replaceAll('+', ' ') : text;
	const bytes = Buffer.allocUnsafe(Buffer.byteLength(text, 'utf8'));
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 37 && i + 2 < text.length && hex(text.charCodeAt(i + 1)) >= 0) {
			const lo = hex(text.charCodeAt(i + 2));
			if (lo >= 0) {
				bytes[n++] = hex(text.charCodeAt(i + 1)) * 16 + lo;
				i += 2;
				continue;
			}
		}
		if (c < 128) {
			bytes[n++] = plusIsSpace && c === 43 ? 32 : c;
			continue;
		}
		// A non-ASCII character as such (rare in a URL): its own UTF-8 bytes.
		const cp = text.codePointAt(i) as number;
		const ch = String.fromCodePoint(cp);
		n += bytes.write(ch, n, 'utf8');
		i += ch.length - 1;
	}
	try {
		return utf8.decode(bytes.subarray(0, n));
	} catch {
		return null;
	}
}

function invalid(where: string): ApiError {
	return new ApiError(
		400,
		'22021',
		`invalid byte sequence for encoding "UTF8" in the ${where}`,
		null,
		'Percent-encode text as UTF-8.'
	);
}

/** The query string as `application/x-www-form-urlencoded`, refusing invalid UTF-8. */
export function strictQuery(search: string): URLSearchParams {
	const out = new URLSearchParams();
	const text = search.startsWith('?') ? search.slice(1) : search;
	if (!text) return out;
	for (const pair of text.split('&')) {
		if (!pair) continue;
		const eq = pair.indexOf('=');
		const key = decodeStrict(eq < 0 ? pair : pair.slice(0, eq), true);
		const value = decodeStrict(eq < 0 ? '' : pair.slice(eq + 1), true);
		if (key === null || value === null) throw invalid('query string');
		out.append(key, value);
	}
	return out;
}

/**
 * Path segments split on the raw `/` first, then decoded one by one, as PostgREST routes:
 * `/rpc%2Ffn` is one segment named `rpc/fn`, not the function `fn`.
 */
export function strictSegments(rawPath: string): string[] {
	return rawPath
		.split('/')
		.filter(Boolean)
		.map((s) => {
			const d = decodeStrict(s, false);
			if (d === null) throw invalid('path');
			return d;
		});
}

/** A JSON (or text) body as strict UTF-8; PostgREST refuses undecodable bodies. */
export function strictBody(body: Buffer): string {
	try {
		return utf8.decode(body);
	} catch {
		throw new ApiError(400, 'PGRST102', 'Empty or invalid json', 'invalid UTF-8 in the body');
	}
}
