/**
 * A sign-in form's action URL. It keeps `redirect_to` (and the e-mail method) in the query because
 * without JavaScript the next step is rendered at this URL, and its load must still know where the
 * person was heading (the home page's "I want to learn" choice, a guarded page).
 */
export function signInAction(name: string, redirectTo: string, method?: 'email'): string {
	const params = new URLSearchParams();
	if (method) params.set('method', method);
	if (redirectTo !== '/') params.set('redirect_to', redirectTo);
	const query = params.toString();
	return `?${query ? `${query}&` : ''}/${name}`;
}
