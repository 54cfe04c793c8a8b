// Spread embeds on to-many relationships (PostgREST 13): `...rel(a, b)` lifts each selected
// field into the parent as a JSON array of the related rows' values, in the embed's order.
import { unsupported } from './errors';
import type { ReadNode } from './read';
import { fieldLabel, ident } from './sql';

/** The output keys of a spread node, in select order. */
function spreadKeys(node: ReadNode): string[] {
	const keys: string[] = [];
	for (const item of node.items) {
		if (item.kind === 'star') keys.push(...(node.scope.columns?.keys() ?? []));
		else if (item.kind === 'count') keys.push(item.alias ?? 'count');
		else if (item.kind === 'column') {
			keys.push(item.alias ?? (item.aggregate ? item.aggregate : fieldLabel(item.field)));
		} else if (item.spread) throw unsupported('A spread inside a to-many spread');
		else if (item.select.length) keys.push(item.alias ?? item.name);
	}
	return keys;
}

/** The lateral of a to-many spread: one json array per key (empty arrays when nothing matches). */
export function toManySpreadLateral(node: ReadNode, inner: string): string {
	const cols = spreadKeys(node).map(
		(k) => `coalesce(json_agg(_x.${ident(k)}), '[]') AS ${ident(k)}`
	);
	return `SELECT ${cols.join(', ')} FROM (${inner}) _x`;
}
