// Who may open which route group: one table, read by the guard hook for pages, loads and form
// actions alike (the hook runs before any of them).

/** What a route group asks of the person. */
export type Requirement = 'anyone' | 'signed_in' | 'coordinator';

/** Every route group under src/routes; a unit test fails when a folder is missing here. */
export const ROUTE_GROUPS: Readonly<Record<string, Requirement>> = {
	'(public)': 'anyone',
	'(auth)': 'anyone',
	'(app)': 'signed_in',
	'(coordinator)': 'coordinator'
};

/**
 * The requirement of a route id such as `/(app)/profile`. Routes outside any group (the root
 * error page, `/auth/...` endpoints) are open; a group missing from the table is closed to all,
 * so forgetting to list a new group fails safe.
 */
export function requirementOf(routeId: string | null): Requirement | 'unknown_group' {
	const group = routeId?.split('/').find((segment) => /^\(.+\)$/.test(segment));
	if (!group) return 'anyone';
	return ROUTE_GROUPS[group] ?? 'unknown_group';
}

export type Verdict = 'allow' | 'sign_in' | 'forbidden';

/** The guard's decision; `isCoordinator` is asked only when the route needs it. */
export async function decide(
	routeId: string | null,
	userId: string | null,
	isCoordinator: () => Promise<boolean>
): Promise<Verdict> {
	const needs = requirementOf(routeId);
	if (needs === 'anyone') return 'allow';
	if (needs === 'unknown_group') return 'forbidden';
	if (!userId) return 'sign_in';
	if (needs === 'coordinator' && !(await isCoordinator())) return 'forbidden';
	return 'allow';
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * SvelteKit's own cross-site form check, done here so that a refusal is our error page in the
 * person's language instead of Kit's bare English line (Kit's check is off in svelte.config.js).
 * Same rule as Kit: a form-encoded write must come from a page of this origin, `url.origin`,
 * which adapter-node takes from ORIGIN in production and from the Host header in local mode
 * (scripts/serve-local.js), so any address the app was opened at works locally.
 */
export function isCrossSiteForm(request: Request, url: URL): boolean {
	if (!UNSAFE_METHODS.has(request.method)) return false;
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	if (!FORM_TYPES.includes(type)) return false;
	return request.headers.get('origin') !== url.origin;
}
