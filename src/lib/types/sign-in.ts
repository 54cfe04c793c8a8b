// What a sign-in action returns, shared by the server actions and the sign-in page.
import type { AuthFailure } from '../auth/errors';
import type { FieldErrors } from '../validation/form';

/** Everything a sign-in action returns, so the page has one shape to read. */
export interface SignInState {
	step?: 'phone_code' | 'email_code';
	phone?: string;
	email?: string;
	errors?: FieldErrors;
	authError?: AuthFailure;
	values?: Record<string, unknown>;
	/** Which e-mail form failed, so its errors show next to it. */
	submitted?: 'password' | 'code';
}
