// The ripple as a tree: the layout of the SVG drawing (d3-hierarchy) and the shapes of its text
// alternative (people per depth, children of each person). Pure, so it is unit-tested.
import { stratify, tree } from 'd3-hierarchy';

/** One person reached (node ≥ 1) under the person who taught them (`parent`, 0 = the viewer). */
export interface RippleRow {
	node: number;
	parent: number;
	depth: number;
}

export interface PlacedNode<T> {
	row: T | null;
	x: number;
	y: number;
	parentX: number | null;
	parentY: number | null;
}

/** Drawing room per person across (between depths) and down (between siblings), in SVG units. */
export const STEP_ACROSS = 260;
export const STEP_DOWN = 44;

/** People reached at each depth, 1 … deepest, without gaps. */
export function countsByDepth(rows: readonly RippleRow[]): { depth: number; people: number }[] {
	const counts = new Map<number, number>();
	for (const row of rows) counts.set(row.depth, (counts.get(row.depth) ?? 0) + 1);
	const deepest = Math.max(0, ...counts.keys());
	return Array.from({ length: deepest }, (_, i) => ({
		depth: i + 1,
		people: counts.get(i + 1) ?? 0
	}));
}

/** The people taught by each person (0 = the viewer), in node order. */
export function childrenByParent<T extends RippleRow>(rows: readonly T[]): Map<number, T[]> {
	const children = new Map<number, T[]>();
	for (const row of [...rows].sort((a, b) => a.node - b.node)) {
		const list = children.get(row.parent) ?? [];
		list.push(row);
		children.set(row.parent, list);
	}
	return children;
}

/**
 * A left-to-right tree of the first `max` people (in node order, which is by depth, so every
 * drawn person's teacher is drawn too): the viewer at the left, each depth a column further right.
 */
export function layoutTree<T extends RippleRow>(rows: readonly T[], max: number) {
	const drawn = [...rows].sort((a, b) => a.node - b.node).slice(0, max);
	const kept = new Set([0, ...drawn.map((r) => r.node)]);
	const items: { id: number; parent: number | null; row: T | null }[] = [
		{ id: 0, parent: null, row: null },
		...drawn
			.filter((r) => kept.has(r.parent))
			.map((r) => ({ id: r.node, parent: r.parent, row: r }))
	];
	const root = stratify<(typeof items)[number]>()
		.id((d) => String(d.id))
		.parentId((d) => (d.parent === null ? null : String(d.parent)))(items);
	const laid = tree<(typeof items)[number]>().nodeSize([STEP_DOWN, STEP_ACROSS])(root);
	let top = 0;
	let bottom = 0;
	let right = 0;
	laid.each((n) => {
		top = Math.min(top, n.x);
		bottom = Math.max(bottom, n.x);
		right = Math.max(right, n.y);
	});
	const margin = STEP_DOWN;
	// Room on the left for the viewer's own label, written before their circle.
	const left = 80;
	const nodes: PlacedNode<T>[] = laid.descendants().map((n) => ({
		row: n.data.row,
		x: n.y + left,
		y: n.x - top + margin,
		parentX: n.parent ? n.parent.y + left : null,
		parentY: n.parent ? n.parent.x - top + margin : null
	}));
	return {
		nodes,
		width: left + right + STEP_ACROSS,
		height: bottom - top + 2 * margin,
		drawn: items.length - 1,
		total: rows.length
	};
}
