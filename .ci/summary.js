// Prints one line per suite and a closing "N passed, N failed" line from the reports in .ci/out.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.ci/out';
const read = (f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : null);
const codes = Object.fromEntries(
	(read('status') ?? '')
		.trim()
		.split('\n')
		.filter(Boolean)
		.map((l) => l.split(' '))
);

const vitest = (f) => {
	const r = JSON.parse(read(f) ?? 'null');
	return r && { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests };
};
const playwright = (f) => {
	const r = JSON.parse(read(f) ?? 'null');
	return r && { passed: r.stats.expected, failed: r.stats.unexpected, skipped: r.stats.skipped };
};
const prove = (f) => {
	const text = read(f);
	const m = text && /Files=\d+, Tests=(\d+)/.exec(text);
	if (!m) return null;
	const failed = [...text.matchAll(/Failed (\d+)\/\d+ subtests/g)].reduce((n, x) => n + +x[1], 0);
	return { passed: +m[1] - failed, failed, skipped: 0 };
};

const suites = [
	['verify', null],
	['test-pglite', vitest('test-pglite.json')],
	['test-postgres', vitest('test-postgres.json')],
	['test-db', prove('test-db.tap')],
	['build', null],
	['e2e', playwright('e2e.json')],
	['node22', null]
];
let passed = 0;
let failed = 0;
for (const [name, counts] of suites) {
	const code = codes[name];
	const state = code === undefined ? 'not run' : code === '0' ? 'ok' : `exit ${code}`;
	if (counts) {
		passed += counts.passed;
		failed += counts.failed;
		console.log(
			`${name}: ${state}, ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`
		);
	} else console.log(`${name}: ${state}`);
	if (code !== undefined && code !== '0' && !counts?.failed) failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
