// What PostgREST reads from the database besides the schema: the time zone names that
// `Prefer: timezone` accepts, its in-database configuration (role settings `pgrst.*` of the
// authenticator role, as `alter role authenticator set pgrst.db_aggregates_enabled = 'true'`), and
// the roles' `statement_timeout` (its "impersonated role settings", applied per request).
import type { Db } from '../types';

export interface DbSettings {
	timezones: Set<string>;
	/** `db-aggregates-enabled`: off by default, as on PostgREST and on Supabase. */
	aggregatesEnabled: boolean;
	/** `statement_timeout` in ms of each role that sets one (`alter role anon set …`). */
	statementTimeouts: Map<string, number>;
}

// Database-specific settings come last so they override the cluster-wide ones, as at login.
const TIMEOUTS_SQL = `
select r.rolname as role, c as setting
from pg_db_role_setting s join pg_roles r on r.oid = s.setrole, unnest(s.setconfig) c
where s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
  and c like 'statement\\_timeout=%'
order by s.setdatabase <> 0`;

const UNIT_MS: Record<string, number> = {
	us: 0.001,
	ms: 1,
	s: 1000,
	min: 60_000,
	h: 3_600_000,
	d: 86_400_000
};

/** PostgreSQL's reading of a time setting ('3s', '500ms', '1min', '8000' = ms); null when odd. */
export function parseTimeSetting(value: string): number | null {
	const m = /^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$/.exec(value);
	if (!m) return null;
	return Math.round(Number(m[1]) * (UNIT_MS[m[2] ?? 'ms'] as number));
}

/**
 * The statement budget of a request impersonating `role`: its own setting, else the
 * authenticator's (the role PostgREST logs in as), else undefined (the server's default).
 */
export function roleTimeout(settings: DbSettings, role: string): number | undefined {
	return settings.statementTimeouts.get(role) ?? settings.statementTimeouts.get('authenticator');
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
	const statementTimeouts = new Map<string, number>();
	for (const { role, setting } of (await db.query<{ role: string; setting: string }>(TIMEOUTS_SQL))
		.rows) {
		const ms = parseTimeSetting(setting.slice(setting.indexOf('=') + 1));
		if (ms !== null) statementTimeouts.set(role, ms);
	}
	const agg = (pgrst.get('pgrst.db_aggregates_enabled') ?? '').trim().toLowerCase();
	return {
		timezones: new Set(tz.rows.map((r) => r.name)),
		aggregatesEnabled: agg === 'true' || agg === 'on' || agg === '1' || agg === 'yes',
		statementTimeouts
	};
}
