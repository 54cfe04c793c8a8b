// Accept negotiation for the vendor media types PostgREST adds on top of JSON and CSV
// (MediaType.hs): `application/vnd.pgrst.array+json;nulls=stripped` and the object variant.
import { ApiError } from './errors';
import type { Media } from './negotiate';

export interface MediaChoice {
	media: Media;
	/** `nulls=stripped`: json_strip_nulls over the body, as PostgREST's BuiltinAggArrayJsonStrip. */
	stripped: boolean;
}

const ARRAY = new Set(['application/vnd.pgrst.array+json', 'application/vnd.pgrst.array']);
const OBJECT = new Set(['application/vnd.pgrst.object+json', 'application/vnd.pgrst.object']);

export function negotiateMedia(accept: string | undefined): MediaChoice {
	if (!accept || !accept.trim()) return { media: 'json', stripped: false };
	for (const part of accept.split(',')) {
		const [rawType, ...rawParams] = part.split(';');
		const type = (rawType ?? '').trim().toLowerCase();
		const params = rawParams.map((p) => p.trim().toLowerCase()).filter((p) => !p.startsWith('q='));
		// decodeMediaType: the strip flag only when `nulls=stripped` is the one parameter.
		const stripped = params.length === 1 && params[0] === 'nulls=stripped';
		if (type === 'application/json' || type === '*/*' || type === 'application/*') {
			return { media: 'json', stripped: false };
		}
		if (ARRAY.has(type)) return { media: 'json', stripped };
		if (OBJECT.has(type)) return { media: 'object', stripped };
		if (type === 'text/csv' || type === 'text/*') return { media: 'csv', stripped: false };
	}
	throw new ApiError(406, 'PGRST107', `None of these media types are available: ${accept}`);
}

/** The Content-Type PostgREST answers a stripped body with. */
export function strippedContentType(media: Media): string {
	return media === 'object'
		? 'application/vnd.pgrst.object+json;nulls=stripped; charset=utf-8'
		: 'application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8';
}
