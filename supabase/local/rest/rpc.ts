// POST/GET /rpc/fn: choosing the function by its argument names, calling it, shaping its result.
import { ApiError, unsupported } from './errors';
import { closest, nearest } from './fuzzy';
import type { Fn, SchemaCache } from './schema';
import { relKey } from './schema';
import { Params, ident } from './sql';

export interface Call {
	fn: Fn;
	/** SQL calling the function with every argument bound through one JSON parameter. */
	callSql: string;
}

const signature = (fn: Fn) =>
	`${fn.schema}.${fn.name}(${fn.args.map((a) => `${a.name} => ${a.type}`).join(', ')})`;

function isJsonType(type: string) {
	return type === 'json' || type === 'jsonb';
}

/** PostgREST's order of overloads (Routine.hs Ord): fewer parameters first, then by parameters. */
function compareOverloads(a: Fn, b: Fn): number {
	if (a.args.length !== b.args.length) return a.args.length - b.args.length;
	for (let i = 0; i < a.args.length; i++) {
		const x = a.args[i] as Fn['args'][number];
		const y = b.args[i] as Fn['args'][number];
		for (const [p, q] of [
			[x.name, y.name],
			[x.type, y.type]
		] as const) {
			if (p !== q) return p < q ? -1 : 1;
		}
		// ppReq: optional (False) sorts before required (True).
		if (x.hasDefault !== y.hasDefault) return x.hasDefault ? -1 : 1;
	}
	return 0;
}

/** Plan.hs matchesParams: the keys are exactly the required parameters plus some optional ones. */
function matchesParams(fn: Fn, keys: Set<string>): boolean {
	if (fn.args.length === 0) return keys.size === 0;
	const required = fn.args.filter((a) => !a.hasDefault).map((a) => a.name);
	const optional = new Set(fn.args.filter((a) => a.hasDefault).map((a) => a.name));
	const rest = [...keys].filter((k) => !optional.has(k));
	return rest.length === required.length && required.every((r) => keys.has(r));
}

function ambiguous(fns: Fn[]): ApiError {
	return new ApiError(
		300,
		'PGRST203',
		`Could not choose the best candidate function between: ${fns.map(signature).join(', ')}`,
		null,
		'Try renaming the parameters or the function itself in the database so function overloading can be resolved'
	);
}

/**
 * Plan.hs findProc: overloads whose parameter names match the argument keys win; when none do,
 * a POST falls back to a function taking the whole JSON body (one unnamed json/jsonb parameter,
 * or any single one with Prefer: params=single-object). More than one match is PGRST203.
 */
export function findFunction(
	cache: SchemaCache,
	schema: string,
	name: string,
	argNames: string[],
	singleObject: boolean,
	isPost: boolean
): { fn: Fn; wholeBody: boolean } {
	const overloads = [...(cache.functions.get(relKey(schema, name)) ?? [])].sort(compareOverloads);
	const keys = new Set(argNames);
	const named: Fn[] = [];
	const fallback: Fn[] = [];
	for (const fn of overloads) {
		const single = fn.args.length === 1 ? fn.args[0] : undefined;
		const wholeBody =
			isPost && !!single && isJsonType(single.type) && (single.name === '' || singleObject);
		if (singleObject && wholeBody) fallback.push(fn);
		else if (matchesParams(fn, keys) && fn.args.every((a) => a.name !== '')) named.push(fn);
		else if (wholeBody) fallback.push(fn);
	}
	if (named.length === 1) return { fn: named[0] as Fn, wholeBody: false };
	if (named.length > 1) throw ambiguous(named);
	if (fallback.length === 1) return { fn: fallback[0] as Fn, wholeBody: true };
	if (fallback.length > 1) throw ambiguous(fallback);
	const list = argNames.join(', ');
	const withArgs = argNames.length ? `(${list})` : ' without parameters';
	const searched = argNames.length
		? ` with parameter${argNames.length > 1 ? 's' : ''} ${list}`
		: ' without parameters';
	let hint: string | null = null;
	if (overloads.length) {
		// PostgREST suggests the overload whose (sorted) parameter list is closest to the keys.
		const lists = overloads.map((f) =>
			f.args
				.map((a) => a.name)
				.sort()
				.join(', ')
		);
		const wanted = [...argNames].sort().join(', ');
		const best = nearest(lists, wanted);
		hint = `Perhaps you meant to call the function ${schema}.${name}(${best})`;
	} else {
		const names = [...cache.functions.values()]
			.flat()
			.filter((f) => f.schema === schema)
			.map((f) => f.name);
		const similar = closest(names, name);
		if (similar) hint = `Perhaps you meant to call the function ${schema}.${similar}`;
	}
	throw new ApiError(
		404,
		'PGRST202',
		`Could not find the function ${schema}.${name}${withArgs} in the schema cache`,
		`Searched for the function ${schema}.${name}${searched} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
		hint
	);
}

/** `"s"."fn"("a" := _args."a", …)` with `_args` decoded from one JSON parameter, as PostgREST does. */
/** Polymorphic parameters take the argument as text, which resolves `anyelement` to text. */
const POLYMORPHIC = new Set([
	'anyelement',
	'anyarray',
	'anynonarray',
	'anyenum',
	'anyrange',
	'anymultirange',
	'anycompatible',
	'anycompatiblearray',
	'anycompatiblenonarray',
	'anycompatiblerange',
	'anycompatiblemultirange'
]);

function argType(type: string): string {
	return POLYMORPHIC.has(type) ? 'text' : type;
}

export function callSql(
	fn: Fn,
	args: Record<string, unknown> | unknown,
	wholeBody: boolean,
	params: Params,
	fromQuery: boolean,
	raw: string | null
): string {
	const qualified = `${ident(fn.schema)}.${ident(fn.name)}`;
	if (wholeBody) {
		const arg = fn.args[0];
		const value = params.add(raw ?? JSON.stringify(args ?? {}));
		return `${qualified}(${value}::${arg?.type === 'jsonb' ? 'jsonb' : 'json'})`;
	}
	const given = args as Record<string, unknown>;
	const used = fn.args.filter((a) => Object.prototype.hasOwnProperty.call(given, a.name));
	if (!used.length) return `${qualified}()`;
	if (fromQuery) {
		// Query-string values are PostgreSQL text input (`{a,b}` for arrays): cast them directly.
		const call = used
			.map(
				(a) =>
					`${a.variadic ? 'VARIADIC ' : ''}${ident(a.name)} := ${params.add(String(given[a.name]))}::${argType(a.type)}`
			)
			.join(', ');
		return `${qualified}(${call})`;
	}
	const json = params.add(raw ?? JSON.stringify(given));
	const defs = used.map((a) => `${ident(a.name)} ${argType(a.type)}`).join(', ');
	const call = used
		.map(
			(a) =>
				`${a.variadic ? 'VARIADIC ' : ''}${ident(a.name)} := (SELECT _a.${ident(a.name)} FROM json_to_record(${json}::json) AS _a(${defs}))`
		)
		.join(', ');
	return `${qualified}(${call})`;
}

export function checkCallable(fn: Fn): void {
	if (fn.returnType === 'record' && !fn.returnColumns) {
		throw unsupported(`Calling ${fn.schema}.${fn.name}, which returns an untyped record`);
	}
}
