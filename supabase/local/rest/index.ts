// The PostgREST-compatible /rest/v1 service of the local Supabase server.
import type { LocalRequest, LocalResponse, ServerContext, Service } from '../types';
import { type Identity, identify } from './auth';
import { ApiError, toApiError, unsupported } from './errors';
import {
	type Media,
	type Prefer,
	chooseSchema,
	contentRange,
	negotiatedByProfile,
	parsePrefer,
	toCsv
} from './negotiate';
import { checkAggregates } from './aggregates';
import { loadComputed } from './computed';
import {
	type PlannedCount,
	countsExactly,
	exactCountLimit,
	plannedCount,
	totalFrom
} from './count';
import { negotiateMedia, strippedContentType } from './media';
import { openApiResponse } from './openapi';
import { checkMaxAffected } from './prefer';
import { type DbSettings, loadDbSettings, roleTimeout } from './settings';
import { closest } from './fuzzy';
import { inlineParams, literal } from './inline';
import { strictQuery, strictSegments } from './input';
import { parseSelect } from './parse';
import { aliasCounter, applyQuery, applyRangeHeader, buildNode, readStatement } from './read';
import { callSql, checkCallable, findFunction } from './rpc';
import { type Relation, type SchemaCache, loadSchemaCache, relKey } from './schema';
import { Params, ident } from './sql';
import { deleteStatement, insertStatement, parseJsonBody, updateStatement } from './write';

/** Everything one request runs: its SQL and how its single result row becomes a response. */
interface Plan {
	sql: string;
	params: unknown[];
	readOnly: boolean;
	respond(row: ResultRow): LocalResponse;
	/** count=planned / count=estimated: the EXPLAIN that supplies (part of) the total. */
	planned?: PlannedCount;
	/** The negotiated media (for the nulls=stripped Content-Type). */
	media?: Media;
}

interface ResultRow {
	total: string | number | null;
	page_total: string | number;
	body: string | null;
	single: string | null;
	csv?: string | null;
	/** Upserts that merge: rows that were new (201) rather than updated (200). */
	inserted?: string | number | null;
}

const BUILTIN_ROLES = new Set(['anon', 'authenticated', 'service_role']);

// PostgREST (v10+) sets `request.jwt.claims` only, not the legacy `request.jwt.claim.<name>`.
const SETUP_SQL = `select set_config('search_path', $1, true), set_config('role', $2, true),
  set_config('request.jwt.claims', $3, true), set_config('request.method', $4, true),
  set_config('request.path', $5, true), set_config('request.headers', $6, true),
  set_config('request.cookies', $7, true)`;

const GUCS_SQL = `select current_setting('response.status', true) as status, current_setting('response.headers', true) as headers`;

const JSON_TYPE = 'application/json; charset=utf-8';

function errorResponse(err: ApiError): LocalResponse {
	return {
		status: err.status,
		headers: { 'Content-Type': JSON_TYPE, ...err.headers },
		body: JSON.stringify(err.body())
	};
}

function singleError(rows: number): ApiError {
	return new ApiError(
		406,
		'PGRST116',
		'Cannot coerce the result to a single JSON object',
		`The result contains ${rows} rows`
	);
}

/** Functions may set `response.status` and `response.headers`, as PostgREST documents. */
function applyResponseGucs(
	response: LocalResponse,
	gucs: { status: string | null; headers: string | null } | undefined
): LocalResponse {
	let { status } = response;
	const headers = { ...(response.headers ?? {}) };
	if (gucs?.status) {
		const n = Number(gucs.status);
		if (!Number.isInteger(n) || n < 100 || n > 599) {
			throw new ApiError(500, 'PGRST112', 'response.status guc must be a valid status code');
		}
		status = n;
	}
	if (gucs?.headers) {
		const invalid = new ApiError(
			500,
			'PGRST111',
			'response.headers guc must be a JSON array composed of objects with a single key and a string value'
		);
		let list: unknown;
		try {
			list = JSON.parse(gucs.headers);
		} catch {
			throw invalid;
		}
		if (!Array.isArray(list)) throw invalid;
		for (const item of list) {
			const entries = typeof item === 'object' && item !== null ? Object.entries(item) : [];
			const [entry] = entries;
			if (entries.length !== 1 || !entry || typeof entry[1] !== 'string') throw invalid;
			for (const k of Object.keys(headers)) {
				if (k.toLowerCase() === entry[0].toLowerCase()) delete headers[k];
			}
			headers[entry[0]] = entry[1];
		}
	}
	return { ...response, status, headers };
}

/** OPTIONS as PostgREST answers it: the verbs the endpoint supports, not the caller's rights. */
function optionsResponse(cache: SchemaCache, req: LocalRequest, segments: string[]): LocalResponse {
	const schema = chooseSchema('GET', req.headers, cache.schemas);
	let allow = 'OPTIONS,GET,HEAD';
	if (segments[0] === 'rpc' && segments.length === 2) {
		const fns = cache.functions.get(relKey(schema, segments[1] as string));
		if (!fns) throw new ApiError(404, 'PGRST125', 'Invalid path specified in request URL');
		allow = fns.every((f) => f.volatility === 'volatile')
			? 'OPTIONS,POST'
			: 'OPTIONS,GET,HEAD,POST';
	} else if (segments.length === 1) {
		const rel = cache.relations.get(relKey(schema, segments[0] as string));
		if (!rel) throw tableNotFound(cache, schema, segments[0] as string);
		if (rel.kind === 'table' || rel.kind === 'view') {
			// Views are assumed auto-updatable here; PostgREST inspects them.
			allow = `OPTIONS,GET,HEAD,POST,${rel.pk.length ? 'PUT,' : ''}PATCH,DELETE`;
		}
	}
	return { status: 200, headers: { Allow: allow, 'Access-Control-Allow-Origin': '*' } };
}

function checkRole(identity: Identity, cache: SchemaCache): void {
	const { role } = identity;
	if (BUILTIN_ROLES.has(role) || cache.roles.get(role) === true) return;
	if (cache.roles.has(role)) {
		throw new ApiError(403, '42501', `permission denied to set role "${role}"`);
	}
	throw new ApiError(401, '22023', `role "${role}" does not exist`);
}

function parseCookies(header: string | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const part of (header ?? '').split(';')) {
		const i = part.indexOf('=');
		if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
	}
	return out;
}

function tableNotFound(cache: SchemaCache, schema: string, name: string): ApiError {
	const names = [...cache.relations.values()].filter((r) => r.schema === schema).map((r) => r.name);
	const similar = closest(names, name);
	return new ApiError(
		404,
		'PGRST205',
		`Could not find the table '${schema}.${name}' in the schema cache`,
		null,
		similar ? `Perhaps you meant the table '${schema}.${similar}'` : null
	);
}

interface Shape {
	media: Media;
	prefer: Prefer;
	head: boolean;
	offset: number;
	/** Reads answer 206 for a partial page; writes do not. */
	isRead: boolean;
	/** Function results that are one value, not a set. */
	scalarBody?: boolean;
	status: number;
	location?: (row: ResultRow) => string | null;
	/** PostgREST's Content-Range for PATCH is `0-(n-1)/N`; POST and DELETE say `*\/N`. */
	rangeFromZero?: boolean;
	/** Content-Profile to echo on responses with a body. */
	profile: string | null;
	/** Upserts that merge answer 200 when nothing was inserted. */
	mergeStatus?: boolean;
}

function respondWith(shape: Shape, row: ResultRow): LocalResponse {
	const { media, prefer } = shape;
	const total = row.total === null ? null : Number(row.total);
	const rows = Number(row.page_total);
	const headers: Record<string, string> = {};
	if (prefer.applied.length) headers['Preference-Applied'] = prefer.applied.join(', ');
	let status = shape.status;
	const counted = prefer.count ? total : null;
	if (shape.isRead && !shape.scalarBody) {
		if (counted !== null && shape.offset > counted) {
			throw new ApiError(
				416,
				'PGRST103',
				'Requested range not satisfiable',
				`An offset of ${shape.offset} was requested, but there are only ${counted} rows.`,
				null,
				{ 'Content-Range': `*/${counted}` }
			);
		}
		headers['Content-Range'] = contentRange(shape.offset, rows, counted);
		if (counted !== null && rows < counted && status === 200) status = 206;
	} else if (!shape.isRead) {
		headers['Content-Range'] = shape.rangeFromZero
			? contentRange(0, rows, counted)
			: `*/${counted === null ? '*' : counted}`;
		if (shape.mergeStatus && Number(row.inserted ?? 0) <= 0) status = 200;
	}
	if (media === 'object' && !shape.scalarBody && rows !== 1) throw singleError(rows);
	if (shape.location) {
		const loc = shape.location(row);
		if (loc) headers['Location'] = loc;
	}
	if (status === 204 || (!shape.isRead && shape.prefer.return !== 'representation')) {
		return { status, headers };
	}
	if (shape.profile) headers['Content-Profile'] = shape.profile;
	let body: string;
	if (shape.scalarBody) {
		body = row.body ?? 'null';
		headers['Content-Type'] = JSON_TYPE;
	} else if (media === 'object') {
		body = row.single ?? 'null';
		headers['Content-Type'] = 'application/vnd.pgrst.object+json; charset=utf-8';
	} else if (media === 'csv') {
		body = row.csv ?? toCsv(row.body ?? '[]');
		headers['Content-Type'] = 'text/csv; charset=utf-8';
	} else {
		body = row.body ?? '[]';
		headers['Content-Type'] = JSON_TYPE;
	}
	return { status, headers, body: shape.head ? '' : body };
}

export function createRestService(ctx: ServerContext): Service & { reloadSchema(): Promise<void> } {
	let cache: SchemaCache | null = null;
	let settings: DbSettings = {
		timezones: new Set(),
		aggregatesEnabled: false,
		statementTimeouts: new Map()
	};
	let loading: Promise<void> | null = null;
	let listening = false;
	const maxRows = ctx.config.api.maxRows > 0 ? ctx.config.api.maxRows : null;

	async function reloadSchema(): Promise<void> {
		const next = await loadSchemaCache(ctx.db, ctx.config.api.schemas);
		await loadComputed(ctx.db, next);
		settings = await loadDbSettings(ctx.db);
		cache = next;
	}

	async function getCache(): Promise<SchemaCache> {
		if (!listening) {
			listening = true;
			// PostgREST's contract: NOTIFY pgrst, 'reload schema' (or an empty payload) reloads.
			await ctx.db.listen('pgrst', (payload) => {
				if (payload === '' || payload === 'reload schema') {
					reloadSchema().catch((e) => console.error('[rest] schema reload failed', e));
				} else if (payload === 'reload config') {
					loadDbSettings(ctx.db)
						.then((s) => {
							settings = s;
						})
						.catch((e) => console.error('[rest] config reload failed', e));
				}
			});
		}
		if (!cache) {
			loading ??= reloadSchema().finally(() => {
				loading = null;
			});
			await loading;
		}
		return cache as SchemaCache;
	}

	function tablePlan(
		cache: SchemaCache,
		req: LocalRequest,
		schema: string,
		rel: Relation,
		media: Media,
		prefer: Prefer,
		profile: string | null
	): Plan {
		const aliases = aliasCounter();
		const items = parseSelect(req.query.get('select'));
		const root = buildNode(
			cache,
			rel,
			rel.columns,
			rel.name,
			`${ident(rel.schema)}.${ident(rel.name)}`,
			items,
			aliases
		);
		applyQuery(root, req.query, new Set());
		checkAggregates(root, settings.aggregatesEnabled);
		const method = req.method;
		if (method === 'GET' || method === 'HEAD') {
			applyRangeHeader(root, req.headers['range']);
			const params = new Params();
			const sql = readStatement(cache, root, params, {
				count: countsExactly(prefer),
				countLimit: exactCountLimit(prefer, maxRows),
				cap: maxRows,
				csv: media === 'csv'
			});
			const shape: Shape = {
				media,
				prefer,
				head: method === 'HEAD',
				offset: root.offset ?? 0,
				isRead: true,
				status: 200,
				profile
			};
			return {
				sql,
				params: params.values,
				readOnly: true,
				respond: (row) => respondWith(shape, row),
				planned: plannedCount(cache, root, prefer, maxRows)
			};
		}
		if (media === 'csv' && prefer.return === 'representation')
			throw unsupported('text/csv responses to writes');
		const contentType = (req.headers['content-type'] ?? 'application/json').split(';')[0]?.trim();
		if (method !== 'DELETE' && contentType !== 'application/json') {
			throw unsupported(`Content-Type ${contentType ?? ''} (only application/json)`);
		}
		let mutation;
		let status: number;
		if (method === 'POST') {
			mutation = insertStatement(cache, rel, root, parseJsonBody(req.body), req.query, prefer);
			status = 201;
		} else if (method === 'PATCH') {
			mutation = updateStatement(cache, rel, root, parseJsonBody(req.body), prefer);
			status = prefer.return === 'representation' ? 200 : 204;
		} else if (method === 'DELETE') {
			mutation = deleteStatement(cache, rel, root, prefer);
			status = prefer.return === 'representation' ? 200 : 204;
		} else if (method === 'PUT') {
			throw unsupported(
				'PUT (single-row upsert); use POST with Prefer: resolution=merge-duplicates'
			);
		} else {
			throw new ApiError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
		}
		const keys = mutation.locationKeys;
		const shape: Shape = {
			media,
			prefer,
			head: false,
			offset: 0,
			isRead: false,
			status,
			profile,
			rangeFromZero: method === 'PATCH',
			mergeStatus: method === 'POST' && prefer.resolution === 'merge-duplicates',
			location: keys
				? (row) => {
						const first = (JSON.parse(row.body ?? '[]') as Record<string, unknown>[])[0];
						if (!first) return null;
						const q = keys.map(
							(k) => `${encodeURIComponent(k)}=eq.${encodeURIComponent(String(first[k]))}`
						);
						return `/${rel.name}?${q.join('&')}`;
					}
				: undefined
		};
		return {
			sql: mutation.sql,
			params: mutation.params,
			readOnly: false,
			respond: (row) => {
				// max-affected counts the rows PATCH and DELETE touched (PostgREST ignores it on POST).
				if (method !== 'POST') checkMaxAffected(prefer, Number(row.page_total));
				return respondWith(shape, row);
			}
		};
	}

	function rpcPlan(
		cache: SchemaCache,
		req: LocalRequest,
		schema: string,
		name: string,
		media: Media,
		prefer: Prefer,
		profile: string | null
	): Plan {
		const method = req.method;
		const isRead = method === 'GET' || method === 'HEAD';
		if (!isRead && method !== 'POST') {
			throw new ApiError(405, 'PGRST101', 'For functions, only GET and POST verbs are allowed');
		}
		let args: unknown = {};
		let raw: string | null = null;
		const argNamesKnown = new Set(
			(cache.functions.get(relKey(schema, name)) ?? []).flatMap((f) => f.args.map((a) => a.name))
		);
		const skip = new Set<string>();
		if (isRead) {
			const fromQuery: Record<string, string> = {};
			for (const [k, v] of req.query) {
				if (argNamesKnown.has(k)) {
					fromQuery[k] = v;
					skip.add(k);
				}
			}
			args = fromQuery;
		} else if (req.body.length) {
			const body = parseJsonBody(req.body);
			args = body.value;
			raw = body.raw;
		}
		if (Array.isArray(args)) throw unsupported('Calling a function with an array body (bulk rpc)');
		const singleObject = prefer.params === 'single-object';
		const isObject = typeof args === 'object' && args !== null;
		const argNames = isObject ? Object.keys(args as object) : [];
		const { fn, wholeBody } = findFunction(cache, schema, name, argNames, singleObject, !isRead);
		if (!isObject && !wholeBody) throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
		checkCallable(fn);
		if (prefer.handling === 'strict' && prefer.maxAffected !== null && !fn.returnsSet) {
			throw new ApiError(
				400,
				'PGRST128',
				'Function must return SETOF or TABLE when max-affected preference is used with handling=strict'
			);
		}
		const params = new Params();
		const call = callSql(fn, args, wholeBody, params, isRead, raw);
		const callParams = [...params.values];
		const readOnly = isRead || fn.volatility !== 'volatile';
		const base = {
			media,
			prefer,
			head: method === 'HEAD',
			offset: 0,
			isRead: true,
			status: 200,
			profile
		};

		if (fn.isVoid) {
			const sql = `SELECT NULL::bigint AS total, count(*) AS page_total, NULL::text AS body, NULL::text AS single FROM (SELECT ${call}) _v`;
			const shape: Shape = { ...base, status: 204, scalarBody: true };
			return { sql, params: params.values, readOnly, respond: (row) => respondWith(shape, row) };
		}
		if (fn.returnColumns) {
			const rel = fn.returnRelation
				? (cache.relations.get(relKey(fn.returnRelation.schema, fn.returnRelation.name)) ?? null)
				: null;
			const root = buildNode(
				cache,
				rel,
				fn.returnColumns,
				fn.name,
				call,
				parseSelect(req.query.get('select')),
				aliasCounter()
			);
			applyQuery(root, req.query, skip);
			checkAggregates(root, settings.aggregatesEnabled);
			if (isRead) applyRangeHeader(root, req.headers['range']);
			const cap = fn.returnsSet ? maxRows : null;
			const sql = readStatement(cache, root, params, {
				count: countsExactly(prefer),
				countLimit: exactCountLimit(prefer, maxRows),
				cap,
				csv: media === 'csv'
			});
			const planned = plannedCount(cache, root, prefer, maxRows, callParams);
			const shape: Shape = { ...base, offset: root.offset ?? 0 };
			if (!fn.returnsSet) {
				// One composite value: PostgREST answers with the object itself.
				return {
					sql,
					params: params.values,
					readOnly,
					respond: (row) =>
						respondWith({ ...shape, scalarBody: true }, { ...row, body: row.single })
				};
			}
			return {
				sql,
				params: params.values,
				readOnly,
				planned,
				respond: (row) => {
					checkMaxAffected(prefer, Number(row.page_total));
					return respondWith(shape, row);
				}
			};
		}
		const filters = [...req.query.keys()].filter(
			(k) => !skip.has(k) && k !== 'limit' && k !== 'offset'
		);
		if (filters.length)
			throw unsupported(`Filters or select on the scalar result of ${schema}.${name}`);
		if (!fn.returnsSet) {
			const sql = `SELECT NULL::bigint AS total, 1 AS page_total, to_json(${call})::text AS body, NULL::text AS single`;
			const shape: Shape = { ...base, scalarBody: true };
			return { sql, params: params.values, readOnly, respond: (row) => respondWith(shape, row) };
		}
		let paging = '';
		const limit = req.query.get('limit');
		const offset = req.query.get('offset');
		if (limit !== null && /^\d+$/.test(limit)) paging += ` LIMIT ${params.add(limit)}::bigint`;
		if (offset !== null && /^\d+$/.test(offset)) paging += ` OFFSET ${params.add(offset)}::bigint`;
		const sql = `SELECT NULL::bigint AS total, count(*) AS page_total, coalesce(json_agg(_r.v), '[]')::text AS body, NULL::text AS single FROM (SELECT _s.v FROM ${call} AS _s(v)${paging}) _r`;
		const shape: Shape = { ...base, offset: offset ? Number(offset) : 0 };
		return {
			sql,
			params: params.values,
			readOnly,
			respond: (row) => {
				checkMaxAffected(prefer, Number(row.page_total));
				return respondWith(shape, row);
			}
		};
	}

	async function execute(
		req: LocalRequest,
		identity: Identity,
		schema: string,
		plan: Plan,
		prefer: Prefer,
		stripped: boolean
	) {
		const searchPath = [schema, ...ctx.config.api.extraSearchPath.filter((s) => s !== schema)]
			.map(ident)
			.join(', ');
		const setupValues = [
			searchPath,
			identity.role,
			JSON.stringify(identity.claims),
			req.method,
			`/${req.path.replace(/^\/+/, '')}`,
			JSON.stringify(req.headers),
			JSON.stringify(parseCookies(req.headers['cookie']))
		];
		const setup = inlineParams(SETUP_SQL, setupValues);
		const main = setup === null ? null : inlineParams(plan.sql, plan.params);
		const explain = plan.planned ? inlineParams(plan.planned.sql, plan.planned.params) : null;
		// Prefer: timezone (a name from pg_timezone_names) for this transaction only.
		const tz = prefer.timezone
			? `select set_config('timezone', ${literal(prefer.timezone)}, true)`
			: null;
		// The impersonated role's statement_timeout, as PostgREST applies it (anon 3 s on Supabase).
		const budget = { statementTimeoutMs: roleTimeout(settings, identity.role) };
		return ctx.db.session(async (s) => {
			let row: ResultRow | undefined;
			let gucs: { status: string | null; headers: string | null } | undefined;
			let explained: unknown = null;
			let open = true;
			if (setup !== null && main !== null && (!plan.planned || explain !== null)) {
				// One round trip: BEGIN, setup, the statement (and its EXPLAIN for planned counts), the
				// response settings (and COMMIT for reads, which have nothing to undo when the response
				// turns out to be an error).
				const parts = [setup, tz, main, explain, GUCS_SQL].filter((x) => x !== null);
				const results = await s.batch(
					`${s.begin(plan.readOnly)} ${parts.join('; ')};${plan.readOnly ? ' COMMIT;' : ''}`
				);
				const end = results.length - (plan.readOnly ? 1 : 0);
				gucs = results[end - 1]?.rows[0] as typeof gucs;
				if (explain !== null) explained = results[end - 2]?.rows[0];
				row = results[end - (explain !== null ? 3 : 2)]?.rows[0] as ResultRow | undefined;
				open = !plan.readOnly;
			} else {
				await s.batch(s.begin(plan.readOnly));
				await s.query(SETUP_SQL, setupValues);
				if (prefer.timezone) {
					await s.query(`select set_config('timezone', $1, true)`, [prefer.timezone]);
				}
				row = (await s.query<ResultRow>(plan.sql, plan.params)).rows[0];
				if (plan.planned) {
					explained = (await s.query(plan.planned.sql, plan.planned.params)).rows[0];
				}
				gucs = (await s.query<NonNullable<typeof gucs>>(GUCS_SQL)).rows[0];
			}
			let result: ResultRow = row ?? { total: null, page_total: 0, body: '[]', single: null };
			if (plan.planned) {
				const exact = result.total === null ? null : Number(result.total);
				result = { ...result, total: totalFrom(plan.planned, exact, explained) };
			}
			if (stripped) {
				// json_strip_nulls keeps every number's text, unlike a JSON.parse round trip.
				const st = await s.query<{ body: string | null; single: string | null }>(
					'select json_strip_nulls($1::json)::text as body, json_strip_nulls($2::json)::text as single',
					[result.body, result.single]
				);
				result = { ...result, body: st.rows[0]?.body ?? null, single: st.rows[0]?.single ?? null };
			}
			let response = applyResponseGucs(plan.respond(result), gucs);
			if (stripped && response.body !== undefined && response.status !== 204) {
				response = {
					...response,
					headers: {
						...response.headers,
						'Content-Type': strippedContentType(plan.media ?? 'json')
					}
				};
			}
			if (open) await s.batch(prefer.tx === 'rollback' ? 'ROLLBACK' : 'COMMIT');
			return response;
		}, budget);
	}

	async function handle(arrived: LocalRequest): Promise<LocalResponse> {
		let identity: Identity | null = null;
		try {
			// Route on the raw path, split before decoding (PostgREST: `%2F` stays in its segment).
			const segments =
				arrived.rawPath !== undefined
					? strictSegments(arrived.rawPath)
					: arrived.path.split('/').filter(Boolean);
			const req: LocalRequest =
				arrived.rawQuery !== undefined
					? { ...arrived, query: strictQuery(arrived.rawQuery) }
					: arrived;
			identity = identify(req, ctx.keys.jwtSecret);
			const cache = await getCache();
			if (req.method === 'OPTIONS') return optionsResponse(cache, req, segments);
			checkRole(identity, cache);
			const schema = chooseSchema(req.method, req.headers, cache.schemas);
			const profile = negotiatedByProfile(req.method, req.headers, cache.schemas) ? schema : null;
			if (segments.length === 0) {
				return await openApiResponse(ctx, cache, req, identity, schema);
			}
			const { media, stripped } = negotiateMedia(req.headers['accept']);
			const prefer = parsePrefer(req.headers['prefer'], settings.timezones);
			let plan: Plan;
			if (segments[0] === 'rpc' && segments.length === 2) {
				plan = rpcPlan(cache, req, schema, segments[1] as string, media, prefer, profile);
			} else if (segments.length === 1) {
				const name = segments[0] as string;
				const rel = cache.relations.get(relKey(schema, name));
				if (!rel) throw tableNotFound(cache, schema, name);
				plan = tablePlan(cache, req, schema, rel, media, prefer, profile);
			} else {
				throw new ApiError(404, 'PGRST125', `Invalid path specified in request URL`);
			}
			return await execute(req, identity, schema, { ...plan, media }, prefer, stripped);
		} catch (e) {
			return errorResponse(toApiError(e, identity !== null && identity.role !== 'anon'));
		}
	}

	return { handle, reloadSchema };
}
