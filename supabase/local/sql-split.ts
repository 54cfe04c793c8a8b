// Splits a SQL file into statements exactly as the Supabase CLI does (pkg/parser, SplitAndTrim),
// so the `statements` column we record matches what `supabase migration up` records.

type State =
	| { kind: 'ready' }
	| { kind: 'comment' }
	| { kind: 'block'; depth: number }
	| { kind: 'quote'; delimiter: string; escape: boolean }
	| { kind: 'dollar'; delimiter: string }
	| { kind: 'tag'; offset: number }
	| { kind: 'escape' }
	| { kind: 'atomic'; prev: State; delimiter: string };

const READY: State = { kind: 'ready' };

/** The statement read so far, `sql[start, end)`, without copying it on every character. */
interface Data {
	sql: string;
	start: number;
	end: number;
}

function tail(d: Data, n: number): string {
	return d.sql.slice(Math.max(d.start, d.end - n), d.end);
}

/** `data` ends with `ch`; returns null to end the statement. */
function next(state: State, ch: string, data: Data): State | null {
	switch (state.kind) {
		case 'ready':
			switch (ch) {
				case '$':
					return { kind: 'tag', offset: data.end - 1 };
				case "'":
				case '"':
					return { kind: 'quote', delimiter: ch, escape: false };
				case '-':
					return { kind: 'comment' };
				case '/':
					return { kind: 'block', depth: 0 };
				case '\\':
					return { kind: 'escape' };
				case ';':
					return null;
				case '(':
					return { kind: 'atomic', prev: state, delimiter: ')' };
				case 'c':
				case 'C': {
					const offset = data.end - 6;
					if (
						offset > data.start &&
						data.sql.slice(offset, data.end).toUpperCase() === 'ATOMIC' &&
						/\s/.test(data.sql[offset - 1] as string)
					) {
						return { kind: 'atomic', prev: state, delimiter: 'END' };
					}
					return state;
				}
				default:
					return state;
			}
		case 'comment':
			if (ch === '-') return { kind: 'dollar', delimiter: '\n' };
			return next(READY, ch, data);
		case 'block': {
			const window = tail(data, 2);
			if (window === '/*') {
				state.depth += 1;
				return state;
			}
			if (state.depth === 0) return next(READY, ch, data);
			if (window === '*/') {
				state.depth -= 1;
				if (state.depth === 0) return READY;
			}
			return state;
		}
		case 'quote':
			if (state.escape) {
				if (ch === state.delimiter) {
					state.escape = false;
					return state;
				}
				return next(READY, ch, data);
			}
			if (ch === state.delimiter) state.escape = true;
			return state;
		case 'dollar':
			return tail(data, state.delimiter.length) === state.delimiter ? READY : state;
		case 'tag':
			if (ch === '$') return { kind: 'dollar', delimiter: data.sql.slice(state.offset, data.end) };
			if (/[\p{L}\p{N}_]/u.test(ch)) return state;
			return next(READY, ch, data);
		case 'escape':
			return READY;
		case 'atomic': {
			const curr = next(state.prev, ch, data);
			if (curr !== null) state.prev = curr;
			if (state.prev.kind === 'ready') {
				const window = tail(data, state.delimiter.length);
				if (window.toUpperCase() === state.delimiter.toUpperCase()) return READY;
			}
			return state;
		}
	}
}

/** Statements without their trailing `;`, trimmed, empty ones dropped (comments stay attached). */
export function splitStatements(sql: string): string[] {
	const out: string[] = [];
	let state: State = READY;
	let start = 0;
	let i = 0;
	for (const ch of sql) {
		i += ch.length;
		const s = next(state, ch, { sql, start, end: i });
		if (s === null) {
			push(out, sql.slice(start, i));
			start = i;
			state = READY;
		} else {
			state = s;
		}
	}
	push(out, sql.slice(start));
	return out;
}

function push(out: string[], token: string): void {
	const trimmed = token.replace(/;+$/, '').trim();
	if (trimmed) out.push(trimmed);
}
