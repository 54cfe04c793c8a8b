import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './locales/en';
import vi from './locales/vi';

type Tree = { [key: string]: Tree | string };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
	const out = new Map<string, string>();
	for (const [key, value] of Object.entries(tree)) {
		if (typeof value === 'string') out.set(prefix + key, value);
		else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
	}
	return out;
}

const placeholders = (message: string) =>
	[...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const viMessages = flatten(vi);
const enMessages = flatten(en);

describe('locales', () => {
	it('have exactly the same keys', () => {
		expect([...enMessages.keys()].sort()).toEqual([...viMessages.keys()].sort());
	});

	it('have no empty messages', () => {
		for (const [key, value] of [...viMessages, ...enMessages]) {
			expect(value.trim(), key).not.toBe('');
		}
	});

	it('use the same placeholders in both languages', () => {
		for (const [key, value] of viMessages) {
			expect(placeholders(enMessages.get(key) ?? ''), key).toEqual(placeholders(value));
		}
	});

	it('register every feature folder in both locale modules', () => {
		const features = readdirSync(join(import.meta.dirname, 'locales'), { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name)
			.sort();
		expect(Object.keys(vi).sort()).toEqual(features);
		expect(Object.keys(en).sort()).toEqual(features);
	});

	it('contain every key the components use', () => {
		const root = join(import.meta.dirname, '..', '..');
		const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
			(file) => file.endsWith('.svelte') || file.endsWith('.ts')
		);
		const used = new Set<string>();
		for (const file of files) {
			const source = readFileSync(join(root, file), 'utf8');
			for (const match of source.matchAll(/\$t\(\s*'([a-z0-9_.]+)'/g)) used.add(match[1] ?? '');
		}
		expect(used.size).toBeGreaterThan(10);
		for (const key of used) expect(viMessages.has(key), key).toBe(true);
	});
});
