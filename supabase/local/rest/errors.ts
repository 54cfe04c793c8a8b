// PostgREST's error bodies and its PostgreSQL-code → HTTP-status table.

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly details: unknown = null,
		readonly hint: string | null = null,
		readonly headers: Record<string, string> = {}
	) {
		super(message);
		this.name = 'ApiError';
	}

	body() {
		return { code: this.code, details: this.details, hint: this.hint, message: this.message };
	}
}

/**
 * A request feature this local server does not implement: a clear 400 naming it, never a silent
 * guess. PGRST127 is PostgREST's own "Feature not implemented" code.
 */
export function unsupported(feature: string): ApiError {
	return new ApiError(
		400,
		'PGRST127',
		`Feature not supported by the local server: ${feature}`,
		feature,
		'Use the real Supabase stack for this feature, or rewrite the query.'
	);
}

/** PostgREST's parse error shape (PGRST100). */
export function parseError(message: string, details: string | null = null): ApiError {
	return new ApiError(400, 'PGRST100', message, details);
}

/** PostgreSQL's own 42703, which PostgREST forwards, with its "Perhaps you meant" hint. */
export function columnNotFound(relation: string, column: string, similar?: string): ApiError {
	return new ApiError(
		400,
		'42703',
		`column ${relation}.${column} does not exist`,
		null,
		similar ? `Perhaps you meant to reference the column "${relation}.${similar}".` : null
	);
}

interface PgLikeError {
	code?: unknown;
	message?: unknown;
	detail?: unknown;
	hint?: unknown;
}

function isPgError(e: unknown): e is PgLikeError & { code: string } {
	return typeof e === 'object' && e !== null && typeof (e as PgLikeError).code === 'string';
}

/** PostgREST's table (Error.hs mapSQLtoHTTP); `authenticated` decides 42501. */
export function pgStatus(code: string, authenticated: boolean, message = ''): number {
	if (code === '42501') return authenticated ? 403 : 401;
	if (code === '23503' || code === '23505') return 409;
	if (code === '25006') return 405;
	// pg-safeupdate's refusal is the client's fault; other cardinality errors are the server's.
	if (code === '21000') return message.endsWith('requires a WHERE clause') ? 400 : 500;
	if (code === '22023') return /^role .* does not exist$/.test(message) ? 401 : 400;
	if (code === '42883') return 404;
	if (code === '42P01') return 404;
	if (code === '42P17' || code === '53400') return 500;
	if (code === '57P01') return 503;
	if (code === 'P0001') return 400;
	const prefix = code.slice(0, 2);
	const byPrefix: Record<string, number> = {
		'08': 503,
		'09': 500,
		'0L': 403,
		'0P': 403,
		'25': 500,
		'28': 403,
		'2D': 500,
		'38': 500,
		'39': 500,
		'3B': 500,
		'40': 500,
		'53': 503,
		'54': 500,
		'55': 500,
		'57': 500,
		'58': 500,
		F0: 500,
		HV: 500,
		P0: 500,
		XX: 500
	};
	return byPrefix[prefix] ?? 400;
}

/** `raise sqlstate 'PT403'` sets the HTTP status directly, as PostgREST allows. */
function customStatus(code: string): number | null {
	const m = /^PT(\d{3})$/.exec(code);
	return m ? Number(m[1]) : null;
}

export function toApiError(e: unknown, authenticated: boolean): ApiError {
	if (e instanceof ApiError) return e;
	if (isPgError(e) && /^[0-9A-Z]{5}$/.test(e.code)) {
		const message = typeof e.message === 'string' ? e.message : 'database error';
		const detail = typeof e.detail === 'string' ? e.detail : null;
		if (e.code === 'PGRST') return raisedPgrst(message, detail);
		const status = customStatus(e.code) ?? pgStatus(e.code, authenticated, message);
		return new ApiError(
			status,
			e.code,
			message,
			detail,
			typeof e.hint === 'string' ? e.hint : null,
			status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}
		);
	}
	// Never leak a stack trace: log it, answer with a generic 500.
	console.error('[rest] internal error', e);
	return new ApiError(500, 'PGRSTX00', 'Internal error in the local REST server', null, null);
}

/** `raise sqlstate 'PGRST' using message = '{"code":…}', detail = '{"status":…,"headers":{}}'`. */
function raisedPgrst(message: string, detail: string | null): ApiError {
	let msg: Record<string, unknown>;
	let det: Record<string, unknown>;
	try {
		msg = JSON.parse(message) as Record<string, unknown>;
	} catch {
		return new ApiError(
			500,
			'PGRST121',
			'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error',
			`Invalid JSON value for MESSAGE: '${message}'`,
			"MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'."
		);
	}
	try {
		det = JSON.parse(detail ?? '') as Record<string, unknown>;
	} catch {
		return new ApiError(
			500,
			'PGRST121',
			'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error',
			detail === null
				? 'DETAIL is missing in the RAISE statement'
				: `Invalid JSON value for DETAIL: '${detail}'`,
			"DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'."
		);
	}
	const headers: Record<string, string> = {};
	if (det.headers && typeof det.headers === 'object') {
		for (const [k, v] of Object.entries(det.headers as Record<string, unknown>))
			headers[k] = String(v);
	}
	return new ApiError(
		Number(det.status) || 500,
		String(msg.code ?? ''),
		String(msg.message ?? ''),
		msg.details ?? null,
		typeof msg.hint === 'string' ? msg.hint : null,
		headers
	);
}
