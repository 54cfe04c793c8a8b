// The board's date range for service feedback, read from the address (`?from=&to=`, Vietnam days).
import { rangeSchema } from '$lib/validation/wardops';
import type { Range } from '$lib/server/db/service-feedback';

/** A malformed range is no range (everything), never an error page. */
export function rangeFrom(url: URL): Range {
	const parsed = rangeSchema.safeParse({
		from: url.searchParams.get('from') ?? '',
		to: url.searchParams.get('to') ?? ''
	});
	if (!parsed.success) return { from: null, to: null };
	return { from: parsed.data.from || null, to: parsed.data.to || null };
}
