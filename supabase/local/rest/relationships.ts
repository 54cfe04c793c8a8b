// Which foreign key an embed follows, decided as PostgREST decides it (PGRST200 / PGRST201).
import { ApiError } from './errors';
import { type ForeignKey, type Relation, type SchemaCache, relKey } from './schema';

export type Cardinality = 'many-to-one' | 'one-to-many' | 'one-to-one' | 'many-to-many';

export interface Relationship {
	cardinality: Cardinality;
	target: Relation;
	/** many-to-one / one-to-one from the source: fk on the source. one-to-many: fk on the target. */
	fk: ForeignKey;
	/** fk lives on the source relation (source columns reference target columns). */
	fkOnSource: boolean;
	/** many-to-many: the junction, fk junction→source (`fk`) and junction→target (`fk2`). */
	junction: Relation | null;
	fk2: ForeignKey | null;
	toOne: boolean;
}

const sameSet = (a: string[], b: string[]) =>
	a.length === b.length && a.every((x) => b.includes(x));

const isUnique = (rel: Relation, cols: string[]) => rel.uniques.some((u) => sameSet(u, cols));

function describe(r: Relationship, source: Relation): Record<string, string> {
	const cols = (rel: string, c: string[]) => `${rel}(${c.join(', ')})`;
	let relationship: string;
	if (r.junction && r.fk2) {
		relationship = `${r.junction.schema}.${r.junction.name} using ${r.fk.name}(${r.fk.columns.join(', ')}) and ${r.fk2.name}(${r.fk2.columns.join(', ')})`;
	} else if (r.fkOnSource) {
		relationship = `${r.fk.name} using ${cols(source.name, r.fk.columns)} and ${cols(r.target.name, r.fk.fcolumns)}`;
	} else {
		relationship = `${r.fk.name} using ${cols(r.target.name, r.fk.columns)} and ${cols(source.name, r.fk.fcolumns)}`;
	}
	return {
		cardinality: r.cardinality,
		embedding: `${source.name} with ${r.target.name}`,
		relationship
	};
}

function hintFor(r: Relationship): string {
	if (r.junction) return r.junction.name;
	return r.fk.name;
}

/** Every relationship from `source` that an embed called `name` could mean. */
function candidates(cache: SchemaCache, source: Relation, name: string): Relationship[] {
	const out: Relationship[] = [];
	const get = (schema: string, table: string) => cache.relations.get(relKey(schema, table));
	for (const fk of cache.foreignKeys) {
		if (fk.schema === source.schema && fk.table === source.name) {
			const target = get(fk.fschema, fk.ftable);
			const byColumn = fk.columns.length === 1 && fk.columns[0] === name;
			if (target && (target.name === name || byColumn || fk.name === name)) {
				const oneToOne = isUnique(source, fk.columns);
				out.push({
					cardinality: oneToOne ? 'one-to-one' : 'many-to-one',
					target,
					fk,
					fkOnSource: true,
					junction: null,
					fk2: null,
					toOne: true
				});
			}
		}
		if (fk.fschema === source.schema && fk.ftable === source.name) {
			const target = get(fk.schema, fk.table);
			if (target && target.name === name) {
				const oneToOne = isUnique(target, fk.columns);
				out.push({
					cardinality: oneToOne ? 'one-to-one' : 'one-to-many',
					target,
					fk,
					fkOnSource: false,
					junction: null,
					fk2: null,
					toOne: oneToOne
				});
			}
		}
	}
	// many-to-many: a junction whose primary key covers both foreign keys.
	for (const fk1 of cache.foreignKeys) {
		if (fk1.fschema !== source.schema || fk1.ftable !== source.name) continue;
		const junction = get(fk1.schema, fk1.table);
		if (!junction) continue;
		for (const fk2 of cache.foreignKeys) {
			if (fk2 === fk1 || fk2.schema !== fk1.schema || fk2.table !== fk1.table) continue;
			const target = get(fk2.fschema, fk2.ftable);
			if (!target || target.name !== name) continue;
			const cols = [...fk1.columns, ...fk2.columns];
			if (!cols.every((c) => junction.pk.includes(c))) continue;
			out.push({
				cardinality: 'many-to-many',
				target,
				fk: fk1,
				fkOnSource: false,
				junction,
				fk2,
				toOne: false
			});
		}
	}
	return out;
}

function matchesHint(r: Relationship, hint: string): boolean {
	if (r.fk.name === hint || r.fk2?.name === hint) return true;
	if (r.junction) return r.junction.name === hint;
	// A column of the foreign key, on either side, also names the relationship.
	return r.fk.columns.includes(hint) || r.fk.fcolumns.includes(hint);
}

export function findRelationship(
	cache: SchemaCache,
	source: Relation,
	name: string,
	hint: string | null
): Relationship {
	let found = candidates(cache, source, name);
	if (hint !== null) found = found.filter((r) => matchesHint(r, hint));
	if (found.length === 0) {
		const using = hint !== null ? ` using the hint '${hint}'` : '';
		throw new ApiError(
			400,
			'PGRST200',
			`Could not find a relationship between '${source.name}' and '${name}' in the schema cache`,
			`Searched for a foreign key relationship between '${source.name}' and '${name}'${using} in the schema '${source.schema}', but no matches were found.`,
			null
		);
	}
	if (found.length > 1) {
		const options = found.map((r) => `'${name}!${hintFor(r)}'`).join(', ');
		throw new ApiError(
			300,
			'PGRST201',
			`Could not embed because more than one relationship was found for '${source.name}' and '${name}'`,
			found.map((r) => describe(r, source)),
			`Try changing '${name}' to one of the following: ${options}. Find the desired relationship in the 'details' key.`
		);
	}
	return found[0] as Relationship;
}
