import { describe, expect, it } from 'vitest';
import { skillIconPaths } from './skill-icons';

describe('skill icons', () => {
	it('draws every emoji the seed gives skills and categories, with or without variation selector', () => {
		const seeded = [
			'📱',
			'📶',
			'💬',
			'🔎',
			'💳',
			'🪪',
			'🏛️',
			'🏙️',
			'🩺',
			'🛵',
			'🏦',
			'🛡️',
			'👥',
			'🤖'
		];
		const book = skillIconPaths('📘');
		for (const emoji of seeded) expect(skillIconPaths(emoji)).not.toBe(book);
		expect(skillIconPaths('🏛️')).toBe(skillIconPaths('🏛'));
	});

	it('falls back to a book for anything else', () => {
		expect(skillIconPaths(null)).toBe(skillIconPaths('📘'));
		expect(skillIconPaths('🦄')).toBe(skillIconPaths('📘'));
	});
});
