// A background worker (`npm run worker`) is a plain tsx process: no Vite, so no `$env` or `$app`
// modules, and it must not lean on the app's tsconfig for `$lib` either. Everything it may import
// is checked here: its whole relative import graph uses no SvelteKit alias, and it loads in such a
// process. (ESLint's no-restricted-imports gives the same feedback per file while editing.)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const dbDir = join(import.meta.dirname, 'server/db');
const entries = [
	...readdirSync(dbDir)
		.filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
		.map((name) => join(dbDir, name)),
	join(import.meta.dirname, 'i18n/translate.ts')
];

const SPECIFIER =
	/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveRelative(from: string, specifier: string): string | null {
	const base = resolve(dirname(from), specifier);
	for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
		if (existsSync(candidate) && candidate.match(/\.(ts|js|json)$/)) return candidate;
	}
	return null;
}

/** Every alias import reachable from `entry`, as "file: specifier". */
function aliasImports(entry: string, seen = new Set<string>()): string[] {
	if (seen.has(entry) || entry.endsWith('.json')) return [];
	seen.add(entry);
	const found: string[] = [];
	for (const match of readFileSync(entry, 'utf8').matchAll(SPECIFIER)) {
		const specifier = match[1] ?? match[2] ?? '';
		if (specifier.startsWith('$')) found.push(`${relative(root, entry)}: ${specifier}`);
		if (specifier.startsWith('.')) {
			const next = resolveRelative(entry, specifier);
			if (next) found.push(...aliasImports(next, seen));
		}
	}
	return found;
}

describe('worker-safe modules', () => {
	it('reach no SvelteKit alias through any import', () => {
		expect(entries.flatMap((entry) => aliasImports(entry))).toEqual([]);
	});

	it('the checker sees aliases (guards the test itself)', () => {
		expect(aliasImports(join(root, 'src/hooks.server.ts')).length).toBeGreaterThan(0);
	});

	it('load in a plain tsx process', () => {
		const script = [
			...entries.map((file, i) => `import * as m${i} from './${relative(root, file)}';`),
			`console.log(m${entries.length - 1}.translate('en', 'common.form.save'));`
		].join('\n');
		const out = execFileSync(
			process.execPath,
			['--import', 'tsx', '--input-type=module', '-e', script],
			{ cwd: root, encoding: 'utf8' }
		);
		expect(out.trim().split('\n').pop()).toBe('Save');
	}, 30_000);
});
