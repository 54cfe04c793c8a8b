// GET /rest/v1/: the Swagger 2.0 description of the exposed schema, in the shape PostgREST v12
// produces it (Response/OpenAPI.hs) with its default `openapi-mode = follow-privileges`: only the
// tables and functions the request's role may use, read inside a transaction as that role.
import type { LocalRequest, LocalResponse, ServerContext, Tx } from '../types';
import type { Identity } from './auth';
import { ApiError } from './errors';
import type { Fn, Relation, SchemaCache } from './schema';
import { relKey } from './schema';

const VERSION = '12.2.12';
const MIMES = [
	'application/json',
	'application/vnd.pgrst.object+json;nulls=stripped',
	'application/vnd.pgrst.object+json',
	'text/csv'
];

const ACCESS_SQL = `
select n.nspname as schema, c.relname as name, obj_description(c.oid, 'pg_class') as description,
  (select json_object_agg(a.attname, json_build_object(
      'description', col_description(c.oid, a.attnum),
      'maxLength', information_schema._pg_char_max_length(a.atttypid, a.atttypmod),
      'enum', (select json_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = a.atttypid)))
   from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = $1 and c.relkind in ('r', 'v', 'm', 'f', 'p')
  and (pg_has_role(c.relowner, 'USAGE')
    or has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
    or has_any_column_privilege(c.oid, 'SELECT, INSERT, UPDATE, REFERENCES'))`;

const FUNCS_SQL = `
select p.proname as name, obj_description(p.oid, 'pg_proc') as description,
  array(select format_type(t, null) from unnest(p.proargtypes::oid[]) as t) as argtypes
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname = $1 and p.prokind = 'f' and has_function_privilege(p.oid, 'execute')`;

const SCHEMA_SQL = `select obj_description(n.oid, 'pg_namespace') as description from pg_namespace n where n.nspname = $1`;

interface ColumnExtra {
	description: string | null;
	maxLength: number | null;
	enum: string[] | null;
}

function swaggerType(type: string): string | null {
	if (type.endsWith('[]')) return 'array';
	if (['integer', 'smallint', 'bigint'].includes(type)) return 'integer';
	if (['numeric', 'real', 'double precision'].includes(type) || type.startsWith('numeric(')) {
		return 'number';
	}
	if (type === 'boolean') return 'boolean';
	if (type === 'json' || type === 'jsonb') return null;
	return 'string';
}

function ref(name: string) {
	return { $ref: `#/parameters/${name}` };
}

function prefer(enumValues: string[]) {
	return {
		name: 'Prefer',
		description: 'Preference',
		required: false,
		enum: enumValues,
		in: 'header',
		type: 'string'
	};
}

function definition(cache: SchemaCache, rel: Relation, extra: Record<string, ColumnExtra>) {
	const properties: Record<string, unknown> = {};
	const required: string[] = [];
	for (const col of rel.columns.values()) {
		const info = extra[col.name];
		const notes: string[] = [];
		if (rel.pk.includes(col.name)) notes.push('This is a Primary Key.<pk/>');
		const fk = cache.foreignKeys.find(
			(f) =>
				f.schema === rel.schema &&
				f.table === rel.name &&
				f.columns.length === 1 &&
				f.columns[0] === col.name
		);
		if (fk) {
			const target = fk.fcolumns[0] ?? '';
			notes.push(
				`This is a Foreign Key to \`${fk.ftable}.${target}\`.<fk table='${fk.ftable}' column='${target}'/>`
			);
		}
		const description = [info?.description, notes.length ? `Note:\n${notes.join('\n')}` : null]
			.filter(Boolean)
			.join('\n\n');
		const prop: Record<string, unknown> = {};
		if (col.defaultExpr !== null) prop.default = defaultValue(col.defaultExpr);
		if (description) prop.description = description;
		if (info?.enum) prop.enum = info.enum;
		prop.format = col.type;
		if (info?.maxLength) prop.maxLength = info.maxLength;
		const t = swaggerType(col.type);
		if (t) prop.type = t;
		if (t === 'array') prop.items = { type: 'string' };
		properties[col.name] = prop;
		if (!col.nullable && col.defaultExpr === null && !col.generated && !col.identity) {
			required.push(col.name);
		}
	}
	const def: Record<string, unknown> = {};
	if (required.length) def.required = required;
	def.properties = properties;
	def.type = 'object';
	return def;
}

// PostgREST shows a literal default as its value and any other expression as its text.
function defaultValue(expr: string): unknown {
	const m = /^'(.*)'::[\w\s."[\]]+$/s.exec(expr);
	if (m) return (m[1] ?? '').replace(/''/g, "'");
	if (/^-?\d+(\.\d+)?$/.test(expr)) return Number(expr);
	if (expr === 'true' || expr === 'false') return expr === 'true';
	return expr;
}

function rowFilters(rel: Relation) {
	return [...rel.columns.keys()].map((c) => ref(`rowFilter.${rel.name}.${c}`));
}

function fnParams(fn: Fn) {
	return fn.args.filter((a) => a.name !== '');
}

function argSchema(type: string) {
	const t = swaggerType(type);
	const s: Record<string, unknown> = { format: type };
	if (t) s.type = t;
	if (t === 'array') s.items = { type: 'string' };
	return s;
}

async function describeSchema(
	tx: Tx,
	cache: SchemaCache,
	schema: string,
	host: string,
	scheme: string
): Promise<Record<string, unknown>> {
	const tables = await tx.query<{
		name: string;
		description: string | null;
		columns: Record<string, ColumnExtra> | string | null;
	}>(ACCESS_SQL, [schema]);
	const funcs = await tx.query<{ name: string; description: string | null; argtypes: string[] }>(
		FUNCS_SQL,
		[schema]
	);
	const desc = await tx.query<{ description: string | null }>(SCHEMA_SQL, [schema]);

	const paths: Record<string, unknown> = {
		'/': {
			get: {
				produces: ['application/openapi+json', 'application/json'],
				responses: { '200': { description: 'OK' } },
				summary: 'OpenAPI description (this document)',
				tags: ['Introspection']
			}
		}
	};
	const definitions: Record<string, unknown> = {};
	const parameters: Record<string, unknown> = {
		preferParams: prefer(['params=single-object']),
		preferReturn: prefer(['return=representation', 'return=minimal', 'return=none']),
		preferCount: prefer(['count=none']),
		preferPost: prefer([
			'return=representation',
			'return=minimal',
			'return=none',
			'resolution=ignore-duplicates',
			'resolution=merge-duplicates'
		]),
		select: {
			name: 'select',
			description: 'Filtering Columns',
			required: false,
			in: 'query',
			type: 'string'
		},
		on_conflict: {
			name: 'on_conflict',
			description: 'On Conflict',
			required: false,
			in: 'query',
			type: 'string'
		},
		order: { name: 'order', description: 'Ordering', required: false, in: 'query', type: 'string' },
		range: {
			name: 'Range',
			description: 'Limiting and Pagination',
			required: false,
			in: 'header',
			type: 'string'
		},
		rangeUnit: {
			name: 'Range-Unit',
			description: 'Limiting and Pagination',
			required: false,
			default: 'items',
			in: 'header',
			type: 'string'
		},
		offset: {
			name: 'offset',
			description: 'Limiting and Pagination',
			required: false,
			in: 'query',
			type: 'string'
		},
		limit: {
			name: 'limit',
			description: 'Limiting and Pagination',
			required: false,
			in: 'query',
			type: 'string'
		}
	};

	const visible = tables.rows
		.map((t) => ({ ...t, rel: cache.relations.get(relKey(schema, t.name)) }))
		.filter((t): t is typeof t & { rel: Relation } => !!t.rel)
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	for (const t of visible) {
		const { rel } = t;
		const extra = (
			typeof t.columns === 'string' ? JSON.parse(t.columns) : (t.columns ?? {})
		) as Record<string, ColumnExtra>;
		const def = definition(cache, rel, extra);
		if (t.description) definitions[rel.name] = { description: t.description, ...def };
		else definitions[rel.name] = def;
		const item: Record<string, unknown> = {
			get: {
				...(t.description ? { summary: t.description } : {}),
				parameters: [
					...rowFilters(rel),
					ref('select'),
					ref('order'),
					ref('range'),
					ref('rangeUnit'),
					ref('offset'),
					ref('limit'),
					ref('preferCount')
				],
				responses: {
					'200': {
						description: 'OK',
						schema: { items: { $ref: `#/definitions/${rel.name}` }, type: 'array' }
					},
					'206': { description: 'Partial Content' }
				},
				tags: [rel.name]
			}
		};
		if (rel.kind === 'table' || rel.kind === 'view' || rel.kind === 'foreign table') {
			item.post = {
				parameters: [ref(`body.${rel.name}`), ref('select'), ref('preferPost')],
				responses: { '201': { description: 'Created' } },
				tags: [rel.name]
			};
			item.delete = {
				parameters: [...rowFilters(rel), ref('preferReturn')],
				responses: { '204': { description: 'No Content' } },
				tags: [rel.name]
			};
			item.patch = {
				parameters: [...rowFilters(rel), ref(`body.${rel.name}`), ref('preferReturn')],
				responses: { '204': { description: 'No Content' } },
				tags: [rel.name]
			};
		}
		paths[`/${rel.name}`] = item;
		parameters[`body.${rel.name}`] = {
			name: rel.name,
			description: rel.name,
			required: false,
			in: 'body',
			schema: { $ref: `#/definitions/${rel.name}` }
		};
		for (const col of rel.columns.values()) {
			parameters[`rowFilter.${rel.name}.${col.name}`] = {
				name: col.name,
				required: false,
				format: col.type,
				in: 'query',
				type: 'string'
			};
		}
	}

	const allowed = new Set(funcs.rows.map((f) => `${f.name}(${f.argtypes.join(',')})`));
	const fnNames = [...new Set(funcs.rows.map((f) => f.name))].sort();
	for (const name of fnNames) {
		const overloads = (cache.functions.get(relKey(schema, name)) ?? []).filter((fn) =>
			allowed.has(`${fn.name}(${fn.args.map((a) => a.type).join(',')})`)
		);
		// PostgREST describes one function per name: the overload with the fewest parameters.
		const fn = [...overloads].sort((a, b) => a.args.length - b.args.length)[0];
		if (!fn) continue;
		const description = funcs.rows.find((f) => f.name === name)?.description ?? null;
		const args = fnParams(fn);
		const required = args.filter((a) => !a.hasDefault).map((a) => a.name);
		const tags = [`(rpc) ${name}`];
		const summary = description ? { summary: description } : {};
		const item: Record<string, unknown> = {};
		if (fn.volatility !== 'volatile') {
			item.get = {
				...summary,
				parameters: args.map((a) => ({
					...argSchema(a.type),
					in: 'query',
					name: a.name,
					required: !a.hasDefault
				})),
				responses: { '200': { description: 'OK' } },
				tags
			};
		}
		item.post = {
			...summary,
			parameters: [
				{
					in: 'body',
					name: 'args',
					required: true,
					schema: {
						properties: Object.fromEntries(args.map((a) => [a.name, argSchema(a.type)])),
						...(required.length ? { required } : {}),
						type: 'object'
					}
				},
				ref('preferParams')
			],
			responses: { '200': { description: 'OK' } },
			tags
		};
		paths[`/rpc/${name}`] = item;
	}

	// A schema comment's first line is the title, the rest the description (PostgREST's rule).
	const comment = desc.rows[0]?.description ?? null;
	const [title, ...rest] = comment ? comment.split('\n') : [];
	return {
		swagger: '2.0',
		info: {
			description: comment
				? rest.join('\n').trim()
				: 'This is a dynamic API generated by PostgREST',
			title: comment ? (title ?? '') : 'PostgREST API',
			version: VERSION
		},
		host,
		basePath: '/rest/v1/',
		schemes: [scheme],
		consumes: MIMES,
		produces: MIMES,
		paths,
		definitions,
		parameters,
		externalDocs: {
			description: 'PostgREST Documentation',
			url: 'https://postgrest.org/en/v12/references/api.html'
		}
	};
}

/** The root endpoint: negotiates application/openapi+json, then describes the schema. */
export async function openApiResponse(
	ctx: ServerContext,
	cache: SchemaCache,
	req: LocalRequest,
	identity: Identity,
	schema: string
): Promise<LocalResponse> {
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		throw new ApiError(405, 'PGRST117', `Unsupported HTTP method: ${req.method}`);
	}
	const accept = req.headers['accept'];
	const types = (accept ?? '*/*')
		.split(',')
		.map((p) => (p.split(';')[0] ?? '').trim().toLowerCase());
	if (
		accept?.trim() &&
		!types.some((t) => ['application/openapi+json', 'application/json', '*/*'].includes(t))
	) {
		throw new ApiError(406, 'PGRST107', `None of these media types are available: ${accept}`);
	}
	const url = new URL(ctx.apiUrl);
	const host = req.headers['host'] ?? url.host;
	const scheme = url.protocol.replace(':', '');
	const doc = await ctx.db.transaction(async (tx) => {
		await tx.query('SET TRANSACTION READ ONLY');
		await tx.query(
			`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`,
			[identity.role, JSON.stringify(identity.claims)]
		);
		return describeSchema(tx, cache, schema, host, scheme);
	});
	const profile: Record<string, string> = req.headers['accept-profile']
		? { 'Content-Profile': schema }
		: {};
	return {
		status: 200,
		headers: { 'Content-Type': 'application/openapi+json; charset=utf-8', ...profile },
		body: req.method === 'HEAD' ? '' : JSON.stringify(doc)
	};
}
