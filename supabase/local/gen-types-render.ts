// Renders introspected metadata in the shape `supabase gen types typescript` emits.
import { format } from 'prettier';
import type { Column, Fn, Meta, PgType, Relation, Relationship } from './gen-types-introspect';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
const q = (s: string) => JSON.stringify(s);

function tsType(meta: Meta, pgType: string): string {
	if (pgType === 'bool') return 'boolean';
	if (['int2', 'int4', 'int8', 'float4', 'float8', 'numeric'].includes(pgType)) return 'number';
	const strings = ['bytea', 'bpchar', 'varchar', 'date', 'text', 'citext', 'time', 'timetz'];
	if ([...strings, 'timestamp', 'timestamptz', 'uuid', 'vector'].includes(pgType)) return 'string';
	if (pgType === 'json' || pgType === 'jsonb') return 'Json';
	if (pgType === 'void') return 'undefined';
	if (pgType === 'record') return 'Record<string, unknown>';
	if (pgType.startsWith('_')) return `(${tsType(meta, pgType.slice(1))})[]`;
	const enumType = meta.types.find((t) => t.name === pgType && t.enums.length > 0);
	if (enumType) {
		return enumType.schema === meta.schema
			? `Database[${q(enumType.schema)}]["Enums"][${q(enumType.name)}]`
			: enumType.enums.map(q).join(' | ');
	}
	const composite = meta.types.find((t) => t.name === pgType && t.attributes.length > 0);
	if (composite) {
		return composite.schema === meta.schema
			? `Database[${q(composite.schema)}]["CompositeTypes"][${q(composite.name)}]`
			: 'unknown';
	}
	const relation = meta.relations.find((r) => r.name === pgType);
	if (relation) {
		const group = relation.kind === 'table' ? 'Tables' : 'Views';
		return `Database[${q(relation.schema)}][${q(group)}][${q(relation.name)}]["Row"]`;
	}
	return 'unknown';
}

function typeById(meta: Meta, id: number): string {
	const type = meta.types.find((t) => t.id === id);
	return type ? tsType(meta, type.name) : 'unknown';
}

const nullable = (c: Column) => (c.is_nullable ? ' | null' : '');

function columnsOf(meta: Meta, id: number): Column[] {
	return meta.columns.filter((c) => c.table_id === id).sort(byName);
}

function rowType(meta: Meta, id: number): string {
	return columnsOf(meta, id)
		.map((c) => `${q(c.name)}: ${tsType(meta, c.format)}${nullable(c)}`)
		.join('\n');
}

function relationships(meta: Meta, rel: Relation): string {
	const list = meta.relationships
		.filter((r) => r.relation === rel.name && r.referenced_schema === meta.schema)
		.sort(
			(a: Relationship, b: Relationship) =>
				a.foreign_key_name.localeCompare(b.foreign_key_name) ||
				a.referenced_relation.localeCompare(b.referenced_relation) ||
				JSON.stringify(a.referenced_columns).localeCompare(JSON.stringify(b.referenced_columns))
		);
	return `Relationships: [${list
		.map(
			(r) => `{
				foreignKeyName: ${q(r.foreign_key_name)}
				columns: ${JSON.stringify(r.columns)}
				isOneToOne: ${r.is_one_to_one}
				referencedRelation: ${q(r.referenced_relation)}
				referencedColumns: ${JSON.stringify(r.referenced_columns)}
			},`
		)
		.join('\n')}]`;
}

function table(meta: Meta, t: Relation, fns: Fn[]): string {
	const cols = columnsOf(meta, t.id);
	// Functions taking the row type are PostgREST computed columns: they appear in Row.
	const computed = fns
		.filter((f) => f.argument_types === t.name)
		.map((f) => `${q(f.name)}: ${typeById(meta, f.return_type_id)} | null`);
	const writable = (optional: (c: Column) => boolean) =>
		cols
			.map((c) => {
				if (c.identity_generation === 'ALWAYS' || c.is_generated) return `${q(c.name)}?: never`;
				return `${q(c.name)}${optional(c) ? '?' : ''}: ${tsType(meta, c.format)}${nullable(c)}`;
			})
			.join('\n');
	return `${q(t.name)}: {
		Row: {
			${[rowType(meta, t.id), ...computed].filter(Boolean).join('\n')}
		}
		Insert: {
			${writable((c) => c.is_nullable || c.is_identity || c.default_value !== null)}
		}
		Update: {
			${writable(() => true)}
		}
		${relationships(meta, t)}
	}`;
}

function view(meta: Meta, v: Relation): string {
	const cols = columnsOf(meta, v.id);
	const writable = () =>
		cols
			.map((c) =>
				c.is_updatable ? `${q(c.name)}?: ${tsType(meta, c.format)} | null` : `${q(c.name)}?: never`
			)
			.join('\n');
	const write = v.is_updatable ? `Insert: {\n${writable()}\n}\nUpdate: {\n${writable()}\n}\n` : '';
	return `${q(v.name)}: {
		Row: {
			${rowType(meta, v.id)}
		}
		${write}${relationships(meta, v)}
	}`;
}

function exposedFunctions(meta: Meta): Fn[] {
	return meta.functions
		.filter((f) => {
			const inArgs = f.args.filter((a) => ['in', 'inout', 'variadic'].includes(a.mode));
			return !inArgs.some((a) => a.name === '') || inArgs.length === 1;
		})
		.sort(byName);
}

function fnReturns(meta: Meta, fn: Fn): string {
	const tableArgs = fn.args.filter((a) => a.mode === 'table');
	let type: string;
	if (tableArgs.length > 0) {
		type = `{\n${tableArgs.map((a) => `${q(a.name)}: ${typeById(meta, a.type_id)}`).join('\n')}\n}`;
	} else {
		const rel = meta.relations.find((r) => r.id === fn.return_type_relation_id);
		type = rel ? `{\n${rowType(meta, rel.id)}\n}` : typeById(meta, fn.return_type_id);
	}
	return fn.is_set_returning_function ? `${type}[]` : type;
}

function functions(meta: Meta, fns: Fn[]): string {
	if (fns.length === 0) return '[_ in never]: never';
	const groups = new Map<string, Fn[]>();
	for (const f of fns) groups.set(f.name, [...(groups.get(f.name) ?? []), f]);
	return [...groups]
		.map(([name, overloads]) => {
			const args = overloads
				.map((f) => {
					const inArgs = f.args.filter((a) => a.mode === 'in');
					if (inArgs.length === 0) return 'Record<PropertyKey, never>';
					const fields = inArgs.map(
						(a) => `${q(a.name)}${a.has_default ? '?' : ''}: ${typeById(meta, a.type_id)}`
					);
					return `{ ${fields.join('; ')} }`;
				})
				.join(' | ');
			return `${q(name)}: {\nArgs: ${args}\nReturns: ${fnReturns(meta, overloads[0] as Fn)}\n}`;
		})
		.join('\n');
}

function enums(list: PgType[]): string {
	if (list.length === 0) return '[_ in never]: never';
	return list.map((e) => `${q(e.name)}: ${e.enums.map(q).join(' | ')}`).join('\n');
}

function composites(meta: Meta, list: PgType[]): string {
	if (list.length === 0) return '[_ in never]: never';
	return list
		.map(
			(t) =>
				`${q(t.name)}: {\n${t.attributes
					.map((a) => {
						const type = typeById(meta, a.type_id);
						return `${q(a.name)}: ${type === 'unknown' ? type : `${type} | null`}`;
					})
					.join('\n')}\n}`
		)
		.join('\n');
}

const HELPERS = `
type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never
`;

export const HEADER =
	'// Generated by `npm run gen:types` from supabase/migrations (the shape of `supabase gen types typescript`).\n// Do not edit: change a migration and run `npm run gen:types` again.\n';

export async function renderTypes(meta: Meta): Promise<string> {
	const rels = [...meta.relations].sort(byName);
	const tables = rels.filter((r) => r.kind === 'table');
	const views = rels.filter((r) => r.kind === 'view');
	const fns = exposedFunctions(meta);
	const ownTypes = meta.types.filter((t) => t.schema === meta.schema).sort(byName);
	const enumTypes = ownTypes.filter((t) => t.enums.length > 0);
	const compositeTypes = ownTypes.filter((t) => t.attributes.length > 0);
	const s = meta.schema;
	const source = `
export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  // Allows to automatically instantiate createClient with right options
  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
  __InternalSupabase: {
    PostgrestVersion: "12"
  }
  ${q(s)}: {
    Tables: {
      ${tables.length ? tables.map((t) => table(meta, t, fns)).join('\n') : '[_ in never]: never'}
    }
    Views: {
      ${views.length ? views.map((v) => view(meta, v)).join('\n') : '[_ in never]: never'}
    }
    Functions: {
      ${functions(meta, fns)}
    }
    Enums: {
      ${enums(enumTypes)}
    }
    CompositeTypes: {
      ${composites(meta, compositeTypes)}
    }
  }
}
${HELPERS}
export const Constants = {
  ${q(s)}: {
    Enums: {
      ${enumTypes.map((e) => `${q(e.name)}: [${e.enums.map(q).join(', ')}],`).join('\n')}
    },
  },
} as const
`;
	return HEADER + (await format(source, { parser: 'typescript', semi: false }));
}
