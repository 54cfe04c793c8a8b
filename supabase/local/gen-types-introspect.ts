// Reads what `supabase gen types typescript` (postgres-meta) needs from the catalog of one schema.
import type { Db } from './types';

export interface Column {
	table_id: number;
	name: string;
	format: string;
	is_nullable: boolean;
	is_identity: boolean;
	identity_generation: 'ALWAYS' | 'BY DEFAULT' | null;
	is_generated: boolean;
	is_updatable: boolean;
	default_value: string | null;
}
export interface Relation {
	id: number;
	schema: string;
	name: string;
	kind: 'table' | 'view';
	is_updatable: boolean;
}
export interface Relationship {
	foreign_key_name: string;
	schema: string;
	relation: string;
	columns: string[];
	is_one_to_one: boolean;
	referenced_schema: string;
	referenced_relation: string;
	referenced_columns: string[];
}
export interface FnArg {
	mode: 'in' | 'out' | 'inout' | 'variadic' | 'table';
	name: string;
	type_id: number;
	has_default: boolean;
}
export interface Fn {
	schema: string;
	name: string;
	args: FnArg[];
	argument_types: string;
	return_type_id: number;
	return_type_relation_id: number | null;
	is_set_returning_function: boolean;
}
export interface PgType {
	id: number;
	schema: string;
	name: string;
	enums: string[];
	attributes: { name: string; type_id: number }[];
}
export interface Meta {
	schema: string;
	relations: Relation[];
	columns: Column[];
	relationships: Relationship[];
	functions: Fn[];
	types: PgType[];
}

const MODES: Record<string, FnArg['mode']> = {
	i: 'in',
	o: 'out',
	b: 'inout',
	v: 'variadic',
	t: 'table'
};

export async function introspect(db: Db, schema = 'public'): Promise<Meta> {
	const relations = (
		await db.query<Relation>(
			`select c.oid::int as id, n.nspname as schema, c.relname as name,
				case when c.relkind in ('r', 'p', 'f') then 'table' else 'view' end as kind,
				(pg_relation_is_updatable(c.oid, false) & 20) = 20 as is_updatable
			 from pg_class c join pg_namespace n on n.oid = c.relnamespace
			 where n.nspname = $1 and c.relkind in ('r', 'p', 'f', 'v', 'm')`,
			[schema]
		)
	).rows;
	const columns = (
		await db.query<Column>(
			`select a.attrelid::int as table_id, a.attname as name, t.typname as format,
				not (a.attnotnull or (t.typtype = 'd' and t.typnotnull)) as is_nullable,
				a.attidentity <> '' as is_identity,
				case a.attidentity when 'a' then 'ALWAYS' when 'd' then 'BY DEFAULT' end as identity_generation,
				a.attgenerated <> '' as is_generated,
				pg_column_is_updatable(a.attrelid, a.attnum, false) as is_updatable,
				pg_get_expr(d.adbin, d.adrelid) as default_value
			 from pg_attribute a
			 join pg_class c on c.oid = a.attrelid
			 join pg_namespace n on n.oid = c.relnamespace
			 join pg_type t on t.oid = a.atttypid
			 left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
			 where n.nspname = $1 and c.relkind in ('r', 'p', 'f', 'v', 'm')
				and a.attnum > 0 and not a.attisdropped`,
			[schema]
		)
	).rows;
	const relationships = (
		await db.query<Relationship>(
			`select con.conname as foreign_key_name, n.nspname as schema, c.relname as relation,
				(select array_agg(a.attname order by k.i) from unnest(con.conkey) with ordinality k(n, i)
					join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n) as columns,
				exists (select 1 from pg_index ix where ix.indrelid = con.conrelid and ix.indisunique
					and ix.indpred is null and (select array_agg(x order by x) from unnest(ix.indkey::int2[]) x)
						= (select array_agg(x order by x) from unnest(con.conkey) x)) as is_one_to_one,
				rn.nspname as referenced_schema, rc.relname as referenced_relation,
				(select array_agg(a.attname order by k.i) from unnest(con.confkey) with ordinality k(n, i)
					join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n) as referenced_columns
			 from pg_constraint con
			 join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
			 join pg_class rc on rc.oid = con.confrelid join pg_namespace rn on rn.oid = rc.relnamespace
			 where con.contype = 'f' and n.nspname = $1`,
			[schema]
		)
	).rows;
	const rawFns = (
		await db.query<{
			schema: string;
			name: string;
			argument_types: string;
			return_type_id: number;
			return_type_relation_id: number | null;
			is_set_returning_function: boolean;
			arg_names: string[] | null;
			arg_modes: string[] | null;
			arg_types: number[];
			nargs: number;
			ndefaults: number;
		}>(
			`select n.nspname as schema, p.proname as name,
				pg_get_function_identity_arguments(p.oid) as argument_types,
				p.prorettype::int as return_type_id,
				nullif(t.typrelid, 0)::int as return_type_relation_id,
				p.proretset as is_set_returning_function,
				p.proargnames as arg_names, p.proargmodes::text[] as arg_modes,
				coalesce(p.proallargtypes, p.proargtypes::oid[])::int[] as arg_types,
				p.pronargs::int as nargs, p.pronargdefaults::int as ndefaults
			 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			 join pg_type t on t.oid = p.prorettype
			 where n.nspname = $1 and p.prokind = 'f'
				and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`,
			[schema]
		)
	).rows;
	const functions: Fn[] = rawFns.map((f) => {
		let inputIndex = 0;
		const args = f.arg_types.map((type_id, i): FnArg => {
			const mode = MODES[f.arg_modes?.[i] ?? 'i'] ?? 'in';
			const isInput = mode === 'in' || mode === 'inout' || mode === 'variadic';
			const has_default = isInput && inputIndex++ >= f.nargs - f.ndefaults;
			return { mode, name: f.arg_names?.[i] ?? '', type_id, has_default };
		});
		return {
			schema: f.schema,
			name: f.name,
			args,
			argument_types: f.argument_types,
			return_type_id: f.return_type_id,
			return_type_relation_id: f.return_type_relation_id,
			is_set_returning_function: f.is_set_returning_function
		};
	});
	const types = (
		await db.query<PgType>(
			`select t.oid::int as id, n.nspname as schema, t.typname as name,
				coalesce((select array_agg(e.enumlabel order by e.enumsortorder) from pg_enum e
					where e.enumtypid = t.oid), '{}') as enums,
				coalesce((select json_agg(json_build_object('name', a.attname, 'type_id', a.atttypid::int)
					order by a.attnum) from pg_attribute a
					where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped
					and (select relkind from pg_class where oid = t.typrelid) = 'c'), '[]') as attributes
			 from pg_type t join pg_namespace n on n.oid = t.typnamespace
			 where n.nspname not in ('information_schema') and n.nspname not like 'pg\\_toast%'`
		)
	).rows;
	return { schema, relations, columns, relationships, functions, types };
}
