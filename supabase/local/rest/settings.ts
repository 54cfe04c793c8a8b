// What PostgREST reads from the database besides the schema: the time zone names that
// `Prefer: timezone` accepts, and its in-database configuration (role settings `pgrst.*` of the
// authenticator role, as `alter role authenticator set pgrst.db_aggregates_enabled = 'true'`).
import type { Db } from '../types';

export interface DbSettings {
	timezones: Set<string>;
	/** `db-aggregates-enabled`: off by default, as on PostgREST and on Supabase. */
	aggregatesEnabled: boolean;
}

const ROLE_SETTINGS_SQL = `
select unnest(s.setconfig) as setting
from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
where r.rolname = 'authenticator'
  and s.setdatabase in (0, (select oid from pg_database where datname = current_database()))`;

export async function loadDbSettings(db: Db): Promise<DbSettings> {
	const tz = await db.query<{ name: string }>('select name from pg_timezone_names');
	const roleSettings = await db.query<{ setting: string }>(ROLE_SETTINGS_SQL);
	const pgrst = new Map<string, string>();
	for (const { setting } of roleSettings.rows) {
		const i = setting.indexOf('=');
		if (i > 0) pgrst.set(setting.slice(0, i), setting.slice(i + 1));
	}
	const agg = (pgrst.get('pgrst.db_aggregates_enabled') ?? '').trim().toLowerCase();
	return {
		timezones: new Set(tz.rows.map((r) => r.name)),
		aggregatesEnabled: agg === 'true' || agg === 'on' || agg === '1' || agg === 'yes'
	};
}
