// The signed-in user's id in a form action: the hooks guard (app) actions, so a missing user is a bug.
import { error } from '@sveltejs/kit';

export function signedInUserId(locals: App.Locals): string {
	if (!locals.user) error(401, 'Not signed in');
	return locals.user.id;
}
