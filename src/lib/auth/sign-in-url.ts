/**
 * A sign-in address: the page itself, or a form's action. It keeps `redirect_to`, the e-mail
 * method and the code step in the query, because without JavaScript every answer is a redirect
 * back to the page, whose load must still know where the person was heading and which step shows.
 */
export function signInUrl(
	options: { redirectTo: string; method?: 'email'; step?: 'code' },
	action?: string
): string {
	const params = new URLSearchParams();
	if (options.method) params.set('method', options.method);
	if (options.step) params.set('step', options.step);
	if (options.redirectTo !== '/') params.set('redirect_to', options.redirectTo);
	const query = params.toString();
	if (action) return `/sign-in?${query ? `${query}&` : ''}/${action}`;
	return `/sign-in${query ? `?${query}` : ''}`;
}
