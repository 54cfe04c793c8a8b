// Response headers that tell the browser what this app never does: run scripts it did not send
// (SvelteKit's nonce policy in svelte.config.js), load from other sites, or sit in a frame.

/**
 * The origin a tile URL template loads from, as a CSP source. `{s}` subdomains become a wildcard;
 * a template that is not an absolute http(s) URL needs nothing beyond 'self'.
 */
export function tileSource(tileUrl: string): string | null {
	const match = /^(https?):\/\/([^/]+)/.exec(tileUrl);
	if (!match) return null;
	const host = (match[2] as string).replace(/\{[a-z]+\}/g, '*');
	return `${match[1]}://${host}`;
}

/**
 * The rest of the policy after Kit's script directives: everything comes only from this app (tiles:
 * the map's tile server). Styles allow inline attributes: Svelte and Leaflet position elements
 * with them. One policy, not a second header: a second policy's default-src would also govern
 * scripts and refuse Kit's nonce'd inline ones.
 */
export function contentPolicy(kitPolicy: string | null, tileUrl: string): string {
	const tiles = tileSource(tileUrl);
	return [
		kitPolicy ?? "script-src 'self'; object-src 'none'; base-uri 'self'",
		"default-src 'self'",
		`img-src 'self' data:${tiles ? ` ${tiles}` : ''}`,
		"style-src 'self' 'unsafe-inline'",
		"connect-src 'self'",
		"worker-src 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'"
	].join('; ');
}

/**
 * Headers for every response, given the policy Kit wrote (with its nonce) if any; HSTS only over
 * HTTPS, where a browser heeds it.
 */
export function securityHeaders(
	url: URL,
	kitPolicy: string | null,
	tileUrl: string
): Record<string, string> {
	const headers: Record<string, string> = {
		'content-security-policy': contentPolicy(kitPolicy, tileUrl),
		'referrer-policy': 'strict-origin-when-cross-origin',
		'x-content-type-options': 'nosniff',
		'x-frame-options': 'DENY',
		'permissions-policy': 'camera=(self), geolocation=(self), microphone=()'
	};
	if (url.protocol === 'https:') {
		headers['strict-transport-security'] = 'max-age=63072000; includeSubDomains';
	}
	return headers;
}
