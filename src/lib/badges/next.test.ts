import { describe, expect, it } from 'vitest';
import { nextBadge } from './next';

const badge = (
	name: string,
	current: number,
	threshold: number,
	award_id: number | null = null
) => ({
	name,
	current,
	threshold,
	award_id
});

describe('nextBadge', () => {
	it('picks the unearned badge with the largest share done', () => {
		const list = [badge('5 lessons', 3, 5), badge('10 learners', 9, 10), badge('first', 1, 1, 7)];
		expect(nextBadge(list)?.name).toBe('10 learners');
	});

	it('keeps catalogue order on a tie, and caps a count past its threshold', () => {
		expect(nextBadge([badge('a', 1, 2), badge('b', 2, 4)])?.name).toBe('a');
		expect(nextBadge([badge('a', 9, 3), badge('b', 2, 4)])?.name).toBe('a');
	});

	it('is null when everything is earned or nothing has a threshold', () => {
		expect(nextBadge([badge('a', 1, 1, 1)])).toBeNull();
		expect(nextBadge([badge('a', 0, 0)])).toBeNull();
		expect(nextBadge([])).toBeNull();
	});
});
