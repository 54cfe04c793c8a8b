// `npm run gen:types [-- --check]`: src/lib/types/database.types.ts from supabase/migrations.
// Boots a throwaway in-memory PGlite (platform + migrations, no seed, no HTTP) and introspects it.
import { readFile, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from './boot';
import { introspect } from './gen-types-introspect';
import { renderTypes } from './gen-types-render';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const DEFAULT_OUT = resolve(REPO, 'src/lib/types/database.types.ts');

export async function generateTypes(workdir: string, schema = 'public'): Promise<string> {
	const { db } = await openDatabase({ workdir, dataDir: 'memory', seed: false });
	try {
		return await renderTypes(await introspect(db, schema));
	} finally {
		await db.close();
	}
}

/** Writes `text` to `out`, or with `check` compares them; returns the exit code and what to print. */
export async function writeOrCheck(
	text: string,
	out: string,
	check: boolean
): Promise<{ code: number; message: string }> {
	const shown = relative(process.cwd(), out) || out;
	if (!check) {
		await writeFile(out, text);
		return { code: 0, message: `Wrote ${shown}.` };
	}
	const current = await readFile(out, 'utf8').catch(() => undefined);
	if (current === text)
		return { code: 0, message: `${shown} is up to date with supabase/migrations.` };
	return {
		code: 1,
		message:
			current === undefined
				? `${shown} does not exist: run \`npm run gen:types\` and commit it.`
				: `${shown} is out of date with supabase/migrations: run \`npm run gen:types\` and commit the result.`
	};
}

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			check: { type: 'boolean', default: false },
			workdir: { type: 'string' },
			out: { type: 'string' },
			schema: { type: 'string', default: 'public' }
		}
	});
	const workdir = resolve(values.workdir ?? REPO);
	const out = resolve(values.out ?? DEFAULT_OUT);
	const text = await generateTypes(workdir, values.schema);
	const { code, message } = await writeOrCheck(text, out, values.check);
	(code === 0 ? console.log : console.error)(message);
	return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().then(
		(code) => process.exit(code),
		(err: unknown) => {
			console.error(`gen:types failed: ${(err as Error)?.message ?? err}`);
			process.exit(1);
		}
	);
}
