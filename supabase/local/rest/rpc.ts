// POST/GET /rpc/fn: choosing the function by its argument names, calling it, shaping its result.
import { ApiError, unsupported } from './errors';
import { closest } from './fuzzy';
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

export function findFunction(
	cache: SchemaCache,
	schema: string,
	name: string,
	argNames: string[],
	singleObject: boolean,
	isPost: boolean
): { fn: Fn; wholeBody: boolean } {
	const overloads = cache.functions.get(relKey(schema, name)) ?? [];
	const matches: { fn: Fn; wholeBody: boolean }[] = [];
	for (const fn of overloads) {
		const single = fn.args.length === 1 ? fn.args[0] : undefined;
		if (isPost && single && isJsonType(single.type) && (single.name === '' || singleObject)) {
			matches.push({ fn, wholeBody: true });
			continue;
		}
		const names = fn.args.map((a) => a.name);
		const allKnown = argNames.every((a) => names.includes(a));
		const required = fn.args.filter((a) => !a.hasDefault).every((a) => argNames.includes(a.name));
		if (allKnown && required && fn.args.every((a) => a.name !== '')) {
			matches.push({ fn, wholeBody: false });
		}
	}
	if (matches.length === 1) return matches[0] as { fn: Fn; wholeBody: boolean };
	if (matches.length > 1) {
		throw new ApiError(
			300,
			'PGRST203',
			`Could not choose the best candidate function between: ${matches.map((m) => signature(m.fn)).join(', ')}`,
			null,
			'Try renaming the parameters or the function itself in the database so function overloading can be resolved'
		);
	}
	const list = argNames.join(', ');
	const withArgs = argNames.length ? `(${list})` : ' without parameters';
	const searched = argNames.length
		? ` with parameter${argNames.length > 1 ? 's' : ''} ${list}`
		: ' without parameters';
	let hint: string | null = null;
	if (overloads.length) {
		// PostgREST suggests the overload's parameters, sorted, as "(a, b)".
		const params = (overloads[0] as Fn).args.map((a) => a.name).sort();
		hint = `Perhaps you meant to call the function ${schema}.${name}(${params.join(', ')})`;
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
					`${a.variadic ? 'VARIADIC ' : ''}${ident(a.name)} := ${params.add(String(given[a.name]))}::${a.type}`
			)
			.join(', ');
		return `${qualified}(${call})`;
	}
	const json = params.add(raw ?? JSON.stringify(given));
	const defs = used.map((a) => `${ident(a.name)} ${a.type}`).join(', ');
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
