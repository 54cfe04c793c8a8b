// One round trip per request: the statement's bound values written into its text as literals,
// so the transaction's setup, the statement and the response settings travel as one
// simple-protocol message (PostgREST pipelines them; node-postgres and PGlite cannot).

/**
 * An escape-string literal of unknown type, like an untyped bound parameter: the context decides
 * its type. `E'…'` does not depend on `standard_conforming_strings`, which a function could change.
 */
export function literal(value: string): string {
	return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * `sql` with each `$n` replaced by the literal of `params[n-1]`, skipping quoted identifiers and
 * string literals; null when a value cannot be a literal (not a string, or holds NUL: the
 * parameterised path then answers PostgreSQL's own error).
 */
export function inlineParams(sql: string, params: unknown[]): string | null {
	const values: string[] = [];
	for (const p of params) {
		if (p === null) values.push('NULL');
		else if (typeof p === 'string' && !p.includes('\u0000')) values.push(literal(p));
		else return null;
	}
	let out = '';
	let from = 0;
	let i = 0;
	while (i < sql.length) {
		const ch = sql[i];
		if (ch === '"' || ch === "'") {
			// Quoted identifier or standard string: doubled quotes stay inside.
			let j = i + 1;
			while (j < sql.length) {
				if (sql[j] === ch) {
					if (sql[j + 1] === ch) j += 2;
					else break;
				} else j++;
			}
			i = j + 1;
		} else if (
			ch === '$' &&
			i + 1 < sql.length &&
			sql.charCodeAt(i + 1) >= 48 &&
			sql.charCodeAt(i + 1) <= 57
		) {
			let j = i + 1;
			while (j < sql.length && sql.charCodeAt(j) >= 48 && sql.charCodeAt(j) <= 57) j++;
			const n = Number(sql.slice(i + 1, j));
			const v = values[n - 1];
			if (v === undefined) return null;
			out += sql.slice(from, i) + v;
			from = i = j;
		} else i++;
	}
	return out + sql.slice(from);
}
