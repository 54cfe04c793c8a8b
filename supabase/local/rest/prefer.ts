// The Prefer header as PostgREST reads it (ApiRequest/Preferences.hs): comma-separated tokens,
// the first occurrence of each preference wins, unknown ones are ignored unless handling=strict.
import { ApiError } from './errors';

export interface Prefer {
	return: 'minimal' | 'headers-only' | 'representation' | null;
	count: 'exact' | 'planned' | 'estimated' | null;
	resolution: 'merge-duplicates' | 'ignore-duplicates' | null;
	missing: 'default' | 'null' | null;
	params: 'single-object' | null;
	tx: 'commit' | 'rollback' | null;
	handling: 'strict' | 'lenient' | null;
	/** A name from pg_timezone_names; anything else is an invalid preference. */
	timezone: string | null;
	maxAffected: number | null;
	/** The preferences honoured, for the Preference-Applied header (PostgREST's order). */
	applied: string[];
}

const CHOICES = {
	resolution: ['merge-duplicates', 'ignore-duplicates'],
	missing: ['default', 'null'],
	return: ['representation', 'minimal', 'headers-only'],
	params: ['single-object'],
	count: ['exact', 'planned', 'estimated'],
	tx: ['commit', 'rollback'],
	handling: ['strict', 'lenient']
} as const;

type Choice = keyof typeof CHOICES;

/**
 * Parses the header (several Prefer headers arrive joined with ", "). `timezones` is the set of
 * names PostgreSQL accepts; strict handling refuses anything unknown with PGRST122.
 */
export function parsePrefer(header: string | undefined, timezones?: ReadonlySet<string>): Prefer {
	const prefer: Prefer = {
		return: null,
		count: null,
		resolution: null,
		missing: null,
		params: null,
		tx: null,
		handling: null,
		timezone: null,
		maxAffected: null,
		applied: []
	};
	const tokens = (header ?? '')
		.split(',')
		.map((t) => t.trim())
		.filter(Boolean);
	const invalid: string[] = [];
	const first = (prefix: string) => tokens.find((t) => t.startsWith(prefix))?.slice(prefix.length);
	const tz = first('timezone=');
	const tzValid = tz !== undefined && (timezones?.has(tz) ?? false);
	const max = first('max-affected=');
	for (const token of tokens) {
		const eq = token.indexOf('=');
		const key = eq >= 0 ? token.slice(0, eq) : token;
		const value = eq >= 0 ? token.slice(eq + 1) : '';
		if (key in CHOICES && (CHOICES[key as Choice] as readonly string[]).includes(value)) {
			const k = key as Choice;
			if (prefer[k] === null) (prefer as unknown as Record<string, string>)[k] = value;
			continue;
		}
		if (key === 'timezone' && tzValid) continue;
		if (key === 'max-affected') continue;
		invalid.push(token);
	}
	if (tzValid) prefer.timezone = tz as string;
	// Haskell's readMaybe on Int64: an optional minus sign and digits, nothing else.
	if (max !== undefined && /^-?\d+$/.test(max)) prefer.maxAffected = Number(max);
	if (prefer.handling === 'strict' && invalid.length) {
		throw new ApiError(
			400,
			'PGRST122',
			'Invalid preferences given with handling=strict',
			`Invalid preferences: ${invalid.join(', ')}`
		);
	}
	const order: Choice[] = ['resolution', 'missing', 'return', 'params', 'count', 'tx', 'handling'];
	for (const k of order) if (prefer[k] !== null) prefer.applied.push(`${k}=${prefer[k]}`);
	if (prefer.timezone) prefer.applied.push(`timezone=${prefer.timezone}`);
	if (prefer.handling === 'strict' && prefer.maxAffected !== null) {
		prefer.applied.push(`max-affected=${prefer.maxAffected}`);
	}
	return prefer;
}

/** PGRST124: a strict max-affected that the write (or function result) went over. */
export function checkMaxAffected(prefer: Prefer, affected: number): void {
	if (prefer.handling !== 'strict' || prefer.maxAffected === null) return;
	if (affected > prefer.maxAffected) {
		throw new ApiError(
			400,
			'PGRST124',
			'Query result exceeds max-affected preference constraint',
			`The query affects ${affected} rows`
		);
	}
}
