// Request headers PostgREST reads: Accept, Prefer, the profiles.
import { ApiError } from './errors';

export type Media = 'json' | 'object' | 'csv';

export function chooseMedia(accept: string | undefined): Media {
	if (!accept || !accept.trim()) return 'json';
	for (const part of accept.split(',')) {
		const type = (part.split(';')[0] ?? '').trim().toLowerCase();
		if (type === 'application/json' || type === '*/*' || type === 'application/*') return 'json';
		if (type === 'application/vnd.pgrst.object+json' || type === 'application/vnd.pgrst.object') {
			return 'object';
		}
		if (type === 'text/csv' || type === 'text/*') return 'csv';
	}
	throw new ApiError(406, 'PGRST107', `None of these media types are available: ${accept}`);
}

export { type Prefer, parsePrefer } from './prefer';

/** PostgREST echoes Content-Profile when a profile was asked for or several schemas exist. */
export function negotiatedByProfile(
	method: string,
	headers: Record<string, string>,
	schemas: string[]
): boolean {
	const read = method === 'GET' || method === 'HEAD';
	const asked = read ? headers['accept-profile'] : headers['content-profile'];
	return (asked !== undefined && asked !== '') || schemas.length !== 1;
}

export function chooseSchema(
	method: string,
	headers: Record<string, string>,
	schemas: string[]
): string {
	const read = method === 'GET' || method === 'HEAD';
	const asked = read ? headers['accept-profile'] : headers['content-profile'];
	if (asked === undefined || asked === '') return schemas[0] ?? 'public';
	if (!schemas.includes(asked)) {
		throw new ApiError(
			406,
			'PGRST106',
			`Invalid schema: ${asked}`,
			null,
			`Only the following schemas are exposed: ${schemas.join(', ')}`
		);
	}
	return asked;
}

/** PostgREST's Content-Range: `0-19/N`, `*\/N` when empty, `*` when not counted. */
export function contentRange(offset: number, rows: number, total: number | null): string {
	const upper = offset + rows - 1;
	const range = total !== 0 && offset <= upper ? `${offset}-${upper}` : '*';
	return `${range}/${total === null ? '*' : total}`;
}

/** CSV as PostgREST writes it: a header row, then values; JSON for objects and arrays. */
export function toCsv(body: string): string {
	const rows = JSON.parse(body) as Record<string, unknown>[];
	if (!rows.length) return '';
	const keys = Object.keys(rows[0] ?? {});
	const cell = (v: unknown) => {
		if (v === null || v === undefined) return '';
		const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
		return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return [keys.join(','), ...rows.map((r) => keys.map((k) => cell(r[k])).join(','))].join('\n');
}
