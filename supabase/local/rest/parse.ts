// PostgREST's query-string grammar: select trees, filters, logic trees, order terms.
import { ApiError, parseError } from './errors';

export interface JsonStep {
	arrow: '->' | '->>';
	key: string;
}

export interface Field {
	name: string;
	json: JsonStep[];
}

export type Aggregate = 'count' | 'sum' | 'avg' | 'min' | 'max';

export interface ColumnItem {
	kind: 'column';
	field: Field;
	alias: string | null;
	cast: string | null;
	/** `col.sum()`: an aggregate over the column, with its own `::cast` after it. */
	aggregate?: Aggregate | null;
	aggCast?: string | null;
}

export interface StarItem {
	kind: 'star';
}

export interface EmbedItem {
	kind: 'embed';
	name: string;
	alias: string | null;
	hint: string | null;
	join: 'inner' | 'left' | null;
	spread: boolean;
	select: SelectItem[];
}

export interface CountItem {
	kind: 'count';
	alias: string | null;
	/** `count()::text` */
	cast?: string | null;
	/** `rel(count)` / `select=count`: PostgREST's older spelling, allowed without aggregates. */
	compat?: boolean;
}

export type SelectItem = ColumnItem | StarItem | EmbedItem | CountItem;

export type Operator =
	| 'eq'
	| 'neq'
	| 'gt'
	| 'gte'
	| 'lt'
	| 'lte'
	| 'like'
	| 'ilike'
	| 'match'
	| 'imatch'
	| 'is'
	| 'isdistinct'
	| 'in'
	| 'cs'
	| 'cd'
	| 'ov'
	| 'sl'
	| 'sr'
	| 'nxl'
	| 'nxr'
	| 'adj'
	| 'fts'
	| 'plfts'
	| 'phfts'
	| 'wfts';

const OPERATORS = new Set<string>([
	'eq',
	'neq',
	'gt',
	'gte',
	'lt',
	'lte',
	'like',
	'ilike',
	'match',
	'imatch',
	'is',
	'isdistinct',
	'in',
	'cs',
	'cd',
	'ov',
	'sl',
	'sr',
	'nxl',
	'nxr',
	'adj',
	'fts',
	'plfts',
	'phfts',
	'wfts'
]);

export interface Condition {
	kind: 'cond';
	field: Field;
	negate: boolean;
	op: Operator;
	/** `any`/`all` modifier of eq/like/ilike/gt/… with a `{a,b}` list. */
	quant: 'any' | 'all' | null;
	/** fts language: `fts(english).word`. */
	config: string | null;
	/** Scalar operand, or the list for `in`. */
	value: string | string[];
}

export interface Logic {
	kind: 'logic';
	op: 'and' | 'or';
	negate: boolean;
	children: Tree[];
}

export type Tree = Condition | Logic;

export interface OrderTerm {
	field: Field;
	/** An embedded to-one resource the term orders by: `order=rel(col).desc`. */
	relation: string | null;
	dir: 'asc' | 'desc' | null;
	nulls: 'first' | 'last' | null;
}

// ---------------------------------------------------------------- fields

const IDENT_END = /[,()!:.-]/;

/** `name`, `name->a->>b`, `name->0`. A single left-to-right scan: no regex can backtrack here. */
export function parseField(text: string): Field {
	const first = text.indexOf('->');
	const name = (first < 0 ? text : text.slice(0, first)).trim();
	if (!name) throw parseError(`"failed to parse field name (${text})"`);
	const json: JsonStep[] = [];
	let pos = first < 0 ? text.length : first;
	while (pos < text.length) {
		// Here text[pos..] starts with "->".
		const arrow = text.startsWith('->>', pos) ? '->>' : '->';
		pos += arrow.length;
		let end = pos;
		if (text[end] === '-') {
			// `->-1`: a negative array index, digits only.
			end++;
			while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
			if (end === pos + 1 || (end < text.length && !text.startsWith('->', end))) {
				throw parseError(`"failed to parse json path (${text})"`);
			}
		} else {
			while (end < text.length && text[end] !== '-') end++;
			if (end === pos || (end < text.length && !text.startsWith('->', end))) {
				throw parseError(`"failed to parse json path (${text})"`);
			}
		}
		json.push({ arrow, key: text.slice(pos, end) });
		pos = end;
	}
	return { name, json };
}

// ---------------------------------------------------------------- select

/**
 * What one request may ask for. PostgREST itself has no such caps, but its database has a
 * statement_timeout. PGlite's budget (db/pglite-supervisor.ts) cuts a runaway statement only by
 * restarting its worker, which every queued caller waits for, and 200 embeds exhaust its memory
 * first; a 400 naming the bound at once is kinder. Far above anything the app asks.
 */
export const LIMITS = {
	/** Embedded resources in one select, all levels together. */
	embeds: 32,
	/** Nesting of embeds (`a(b(c(…)))`). */
	embedDepth: 8,
	/** Items of one select list level. */
	selectItems: 200,
	/** Nesting of `and(…)`/`or(…)`. */
	logicDepth: 16,
	/** Conditions in one logic tree. */
	logicConditions: 200,
	/** Filters, logic trees and paging parameters of one request. */
	parameters: 200,
	/** Elements of one `in.(…)` or `{…}` list. */
	listItems: 5000,
	/** Length of one `match`/`imatch` pattern. */
	regexLength: 1000
} as const;

export function tooComplex(what: string, limit: number): ApiError {
	return new ApiError(
		400,
		'PGRST100',
		`Request too complex for the local server: ${what} (at most ${limit})`,
		null,
		'Split the request; this bound protects the single-threaded local database.'
	);
}

/** Removes whitespace outside double quotes, in one pass. */
function stripSpaces(text: string): string {
	let out = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i] as string;
		if (quoted) {
			if (ch === '\\' && i + 1 < text.length) {
				out += ch + (text[++i] as string);
				continue;
			}
			if (ch === '"') quoted = false;
			out += ch;
			continue;
		}
		if (ch === '"') quoted = true;
		else if (/\s/.test(ch)) continue;
		out += ch;
	}
	return out;
}

class Cursor {
	pos = 0;
	embeds = 0;
	constructor(readonly text: string) {}
	peek(n = 1) {
		return this.text.slice(this.pos, this.pos + n);
	}
	eof() {
		return this.pos >= this.text.length;
	}
	fail(what: string): never {
		throw parseError(
			`"failed to parse select parameter (${this.text})" (line 1, column ${this.pos + 1})`,
			`unexpected ${this.eof() ? 'end of input' : `"${this.peek()}"`} expecting ${what}`
		);
	}
}

function readName(c: Cursor): string {
	if (c.peek() === '"') {
		c.pos++;
		let out = '';
		while (!c.eof() && c.peek() !== '"') {
			if (c.peek() === '\\') c.pos++;
			out += c.peek();
			c.pos++;
		}
		if (c.eof()) c.fail('closing quote');
		c.pos++;
		return out;
	}
	let out = '';
	while (!c.eof()) {
		const ch = c.peek();
		if (ch === '-' && (c.peek(2) === '->' || /^-\d/.test(c.text.slice(c.pos, c.pos + 2)))) break;
		if (IDENT_END.test(ch)) break;
		out += ch;
		c.pos++;
	}
	return out.trim();
}

function readJson(c: Cursor): JsonStep[] {
	const steps: JsonStep[] = [];
	while (c.peek(2) === '->') {
		const arrow = c.peek(3) === '->>' ? '->>' : '->';
		c.pos += arrow.length;
		let key = '';
		if (c.peek() === '-') {
			key = '-';
			c.pos++;
		}
		key += readName(c);
		if (!key || key === '-') c.fail('json key');
		steps.push({ arrow, key });
	}
	return steps;
}

function readSelectList(c: Cursor, depth: number): SelectItem[] {
	const nested = depth > 0;
	const items: SelectItem[] = [];
	for (;;) {
		if (items.length >= LIMITS.selectItems) throw tooComplex('select items', LIMITS.selectItems);
		items.push(readSelectItem(c, depth));
		if (c.peek() === ',') {
			c.pos++;
			continue;
		}
		if (nested && c.peek() === ')') return items;
		if (!nested && c.eof()) return items;
		c.fail(nested ? '"," or ")"' : '"," or end of input');
	}
}

function readSelectItem(c: Cursor, depth: number): SelectItem {
	if (c.peek() === '*') {
		c.pos++;
		return { kind: 'star' };
	}
	let spread = false;
	if (c.peek(3) === '...') {
		spread = true;
		c.pos += 3;
	}
	let alias: string | null = null;
	let name = readName(c);
	if (c.peek() === ':' && c.peek(2) !== '::') {
		c.pos++;
		alias = name;
		name = readName(c);
	}
	if (!name) c.fail('field name (* or [a..z0..9_$])');
	const json = readJson(c);
	if (c.peek() === '!' || c.peek() === '(') {
		let hint: string | null = null;
		let join: EmbedItem['join'] = null;
		while (c.peek() === '!') {
			c.pos++;
			const word = readName(c);
			if (word === 'inner' || word === 'left') join = word;
			else hint = word;
		}
		if (c.peek() !== '(') c.fail('"("');
		c.pos++;
		if (++c.embeds > LIMITS.embeds) throw tooComplex('embedded resources', LIMITS.embeds);
		if (depth + 1 > LIMITS.embedDepth) throw tooComplex('embedding depth', LIMITS.embedDepth);
		if (c.peek() === ')') {
			// `rel()` embeds nothing but still filters with !inner; PostgREST allows it.
			c.pos++;
			if (name === 'count') return { kind: 'count', alias, cast: readCast(c) };
			return { kind: 'embed', name, alias, hint, join, spread, select: [] };
		}
		const select = readSelectList(c, depth + 1);
		c.pos++;
		return { kind: 'embed', name, alias, hint, join, spread, select };
	}
	if (spread) c.fail('"(" after a spread');
	const cast = readCast(c);
	let aggregate: Aggregate | null = null;
	let aggCast: string | null = null;
	if (c.peek() === '.') {
		const m = /^\.(count|sum|avg|min|max)\(\)/.exec(c.text.slice(c.pos, c.pos + 8));
		if (!m) c.fail('aggregate function (count, sum, avg, min or max) and "()"');
		aggregate = m[1] as Aggregate;
		c.pos += m[0].length;
		aggCast = readCast(c);
	}
	if (name === 'count' && !json.length && alias === null && cast === null) {
		// A bare `count` is a column named count; only `count()` is the aggregate.
	}
	return { kind: 'column', field: { name, json }, alias, cast, aggregate, aggCast };
}

/** `::type` after a field or an aggregate; stops at `.` so `col::int.sum()` works. */
function readCast(c: Cursor): string | null {
	if (c.peek(2) !== '::') return null;
	c.pos += 2;
	const start = c.pos;
	while (!c.eof() && !/[,().]/.test(c.peek())) c.pos++;
	const cast = c.text.slice(start, c.pos).trim();
	if (!cast) c.fail('cast type');
	return cast;
}

export function parseSelect(text: string | null): SelectItem[] {
	if (text === null || text.trim() === '') return [{ kind: 'star' }];
	const c = new Cursor(stripSpaces(text));
	return readSelectList(c, 0);
}

// ---------------------------------------------------------------- filters

/** Splits a top-level list on commas, honouring parentheses and double quotes. */
function splitTopLevel(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let quoted = false;
	let cur = '';
	for (let i = 0; i < text.length; i++) {
		const ch = text[i] as string;
		if (quoted) {
			if (ch === '\\' && i + 1 < text.length) {
				cur += ch + text[++i];
				continue;
			}
			if (ch === '"') quoted = false;
			cur += ch;
			continue;
		}
		if (ch === '"') quoted = true;
		else if (ch === '(' || ch === '{' || ch === '[') depth++;
		else if (ch === ')' || ch === '}' || ch === ']') depth--;
		else if (ch === ',' && depth === 0) {
			parts.push(cur);
			cur = '';
			continue;
		}
		cur += ch;
	}
	parts.push(cur);
	return parts;
}

function unquote(text: string): string {
	const t = text.trim();
	if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
		return t.slice(1, -1).replace(/\\(.)/g, '$1');
	}
	return text;
}

/** `in.(a,b,"c d")` */
export function parseList(text: string, whole: string): string[] {
	const t = text.trim();
	if (!t.startsWith('(') || !t.endsWith(')')) {
		throw parseError(`"failed to parse filter (${whole})" (line 1, column 1)`, 'expecting "("');
	}
	const inner = t.slice(1, -1);
	if (inner.trim() === '') return [];
	return splitTopLevel(inner).map(unquote);
}

/** `[not.]op[(mod)].value` */
export function parseOperation(text: string, field: Field, inLogic: boolean): Condition {
	let rest = text;
	let negate = false;
	if (rest.startsWith('not.')) {
		negate = true;
		rest = rest.slice(4);
	}
	const m = /^([a-z]+)(?:\(([^)]*)\))?\.([\s\S]*)$/.exec(rest);
	if (!m || !OPERATORS.has(m[1] ?? '')) {
		throw parseError(
			`"failed to parse filter (${text})" (line 1, column ${negate ? 5 : 1})`,
			'unexpected operator or missing "." expecting an operator'
		);
	}
	const op = m[1] as Operator;
	const mod = m[2] ?? null;
	let raw = m[3] ?? '';
	if (inLogic) raw = unquote(raw);
	let quant: Condition['quant'] = null;
	let config: string | null = null;
	if (mod !== null) {
		if (op === 'fts' || op === 'plfts' || op === 'phfts' || op === 'wfts') config = mod;
		else if (mod === 'any' || mod === 'all') quant = mod;
		else throw parseError(`"failed to parse filter (${text})"`, `unknown modifier ${mod}`);
	}
	if (op === 'in') {
		const value = parseList(raw, text);
		if (value.length > LIMITS.listItems) throw tooComplex('list elements', LIMITS.listItems);
		return { kind: 'cond', field, negate, op, quant, config, value };
	}
	if (quant) {
		const list = raw.trim();
		if (!list.startsWith('{') || !list.endsWith('}')) {
			throw parseError(`"failed to parse filter (${text})"`, 'expecting "{"');
		}
		const inner = list.slice(1, -1);
		const value = inner.trim() === '' ? [] : splitTopLevel(inner).map(unquote);
		if (value.length > LIMITS.listItems) throw tooComplex('list elements', LIMITS.listItems);
		if (op === 'match' || op === 'imatch') value.forEach(checkRegex);
		return { kind: 'cond', field, negate, op, quant, config, value };
	}
	if (op === 'match' || op === 'imatch') checkRegex(raw);
	return { kind: 'cond', field, negate, op, quant, config, value: raw };
}

/** The value of `or=`/`and=`: `(a.eq.1,b.lt.2,and(c.gt.3,d.is.null))` */
export function parseLogic(
	op: 'and' | 'or',
	negate: boolean,
	text: string,
	depth = 1,
	count = { conditions: 0 }
): Logic {
	if (depth > LIMITS.logicDepth) throw tooComplex('nesting of and/or', LIMITS.logicDepth);
	const t = text.trim();
	if (!t.startsWith('(') || !t.endsWith(')')) {
		throw parseError(
			`"failed to parse logic tree (${text})" (line 1, column 1)`,
			'unexpected end of input expecting "("'
		);
	}
	const children = splitTopLevel(t.slice(1, -1)).map((part) =>
		parseLogicItem(part, text, depth, count)
	);
	return { kind: 'logic', op, negate, children };
}

function parseLogicItem(
	part: string,
	whole: string,
	depth: number,
	count: { conditions: number }
): Tree {
	if (++count.conditions > LIMITS.logicConditions) {
		throw tooComplex('conditions in one logic tree', LIMITS.logicConditions);
	}
	const item = part.trim();
	const logic = /^(not\.)?(and|or)(\([\s\S]*\))$/.exec(item);
	if (logic)
		return parseLogic(logic[2] as 'and' | 'or', !!logic[1], logic[3] ?? '', depth + 1, count);
	// field.op.value, where the field may carry a json path (`data->>a.eq.1`).
	const dot = item.indexOf('.');
	if (dot <= 0 || !/^(?:not\.)?[a-z]+(?:\([^)]*\))?\./.test(item.slice(dot + 1))) {
		throw parseError(`"failed to parse logic tree (${whole})" (line 1, column 1)`, item);
	}
	return parseOperation(item.slice(dot + 1), parseField(item.slice(0, dot)), true);
}

// ---------------------------------------------------------------- order

export function parseOrder(text: string): OrderTerm[] {
	return splitTopLevel(text).map((term) => {
		let t = term.trim();
		let relation: string | null = null;
		const rel = /^([^(.]+)\(([^)]*)\)(.*)$/.exec(t);
		if (rel) {
			relation = rel[1] ?? '';
			t = `${rel[2] ?? ''}${rel[3] ?? ''}`;
		}
		const parts = t.split('.');
		let nulls: OrderTerm['nulls'] = null;
		let dir: OrderTerm['dir'] = null;
		const last = parts[parts.length - 1];
		if (last === 'nullsfirst' || last === 'nullslast') {
			nulls = last === 'nullsfirst' ? 'first' : 'last';
			parts.pop();
		}
		const d = parts[parts.length - 1];
		if (parts.length > 1 && (d === 'asc' || d === 'desc')) {
			dir = d;
			parts.pop();
		}
		if (parts.length !== 1 || !parts[0]) {
			throw parseError(`"failed to parse order (${text})" (line 1, column 1)`, term);
		}
		return { field: parseField(parts[0]), relation, dir, nulls };
	});
}

// ---------------------------------------------------------------- regex budget

/** Above this many NFA states (estimated) a `match` pattern is refused as PostgreSQL would. */
const REGEX_STATES = 10_000;

/**
 * Estimates the size of the automaton PostgreSQL compiles for `pattern` (bounded repetitions
 * copy their atom: `(x{1,255}){1,255}` is 65,025 states) in one left-to-right pass, and refuses
 * large ones with PostgreSQL's own answer. PostgreSQL 15 refuses them too ("too complex"); PGlite
 * corrupts its heap on them and answers 500 "bad buffer ID" to the next statements.
 */
export function checkRegex(pattern: string): void {
	const refuse = () =>
		new ApiError(
			400,
			'2201B',
			'invalid regular expression: regular expression is too complex',
			null,
			null
		);
	if (pattern.length > LIMITS.regexLength) throw refuse();
	const frames: number[] = [0];
	let last = 0; // size of the atom a quantifier would apply to
	let i = 0;
	const add = (n: number) => {
		frames[frames.length - 1] = (frames[frames.length - 1] as number) + n;
		if ((frames[frames.length - 1] as number) > REGEX_STATES) throw refuse();
	};
	while (i < pattern.length) {
		const ch = pattern[i] as string;
		if (ch === '\\') {
			i += 2;
			last = 1;
			add(1);
		} else if (ch === '[') {
			i++;
			if (pattern[i] === '^') i++;
			if (pattern[i] === ']') i++;
			while (i < pattern.length && pattern[i] !== ']') {
				if (pattern[i] === '[' && /[:.=]/.test(pattern[i + 1] ?? '')) {
					const close = pattern.indexOf(`${pattern[i + 1]}]`, i + 2);
					i = close < 0 ? pattern.length : close + 2;
				} else i++;
			}
			i++;
			last = 1;
			add(1);
		} else if (ch === '(') {
			frames.push(0);
			i++;
			if (pattern[i] === '?') i++; // (?: …) and friends
			last = 0;
		} else if (ch === ')') {
			const inner = frames.length > 1 ? (frames.pop() as number) : 0;
			last = Math.max(1, inner);
			add(last);
			i++;
		} else if (ch === '{' && /\d/.test(pattern[i + 1] ?? '')) {
			let j = i + 1;
			let lo = 0;
			let hi = -1;
			while (j < pattern.length && /\d/.test(pattern[j] as string) && lo < 1e6) {
				lo = lo * 10 + Number(pattern[j++]);
			}
			if (pattern[j] === ',') {
				j++;
				if (/\d/.test(pattern[j] ?? '')) {
					hi = 0;
					while (j < pattern.length && /\d/.test(pattern[j] as string) && hi < 1e6) {
						hi = hi * 10 + Number(pattern[j++]);
					}
				}
			} else hi = lo;
			i = j + 1;
			// The atom is already counted once; a bound copies it up to max(lo, hi) times.
			const copies = Math.max(lo, hi, 1);
			add(last * (copies - 1));
			last = last * copies;
		} else {
			i++;
			if (ch !== '*' && ch !== '+' && ch !== '?' && ch !== '|' && ch !== '^' && ch !== '$') {
				last = 1;
				add(1);
			}
		}
	}
}
