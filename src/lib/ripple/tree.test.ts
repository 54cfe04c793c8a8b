import { describe, expect, it } from 'vitest';
import { childrenByParent, countsByDepth, layoutTree, STEP_ACROSS } from './tree';

// A chain of depth 10 (node d at depth d under node d-1), and a fan: node 11 also under node 1.
const chain = Array.from({ length: 10 }, (_, i) => ({ node: i + 1, parent: i, depth: i + 1 }));
const withFan = [...chain, { node: 11, parent: 1, depth: 2 }];

describe('ripple tree', () => {
	it('counts people per depth, 1 to the deepest', () => {
		expect(countsByDepth(withFan)).toEqual(
			Array.from({ length: 10 }, (_, i) => ({ depth: i + 1, people: i === 1 ? 2 : 1 }))
		);
		expect(countsByDepth([])).toEqual([]);
	});

	it('lists the people each person taught', () => {
		const children = childrenByParent(withFan);
		expect(children.get(0)?.map((r) => r.node)).toEqual([1]);
		expect(children.get(1)?.map((r) => r.node)).toEqual([2, 11]);
		expect(children.get(10)).toBeUndefined();
	});

	it('lays a depth-10 chain out left to right, one column per depth', () => {
		const { nodes, drawn, total } = layoutTree(chain, 100);
		expect(drawn).toBe(10);
		expect(total).toBe(10);
		const xs = nodes.map((n) => n.x).sort((a, b) => a - b);
		expect(xs[10]! - xs[0]!).toBe(10 * STEP_ACROSS);
		for (const n of nodes) if (n.row) expect(n.parentX).toBe(n.x - STEP_ACROSS);
	});

	it('draws at most `max` people, always with their teacher', () => {
		const { nodes, drawn, total } = layoutTree(withFan, 3);
		expect(drawn).toBe(3);
		expect(total).toBe(11);
		expect(
			nodes
				.filter((n) => n.row)
				.map((n) => n.row!.node)
				.sort()
		).toEqual([1, 2, 3]);
	});
});
