/**
 * Server side of every form: superforms + zod 4, with the app's rules built in.
 *
 * How to write a form (see `routes/(app)/profile` for a whole example):
 * 1. A zod schema in `src/lib/validation/<feature>.ts`, written in the types the page edits
 *    (`z.boolean()` for a checkbox, `z.number()` for a select of ids, `z.array(z.enum(…))` for a
 *    checkbox group) with every message through `says('validation.…')`.
 * 2. `load`: `form: await loadForm(event, schema, { id: 'x', data: saved })`. It also picks up what
 *    a failed post without JavaScript left behind (see below).
 * 3. Action: `const form = await readForm(event, schema, 'x')`; if `!form.valid` →
 *    `return rejectForm(event, form)`; a refusal found later (a ward that does not exist) →
 *    `return rejectForm(event, refuseForm(form, 'field', 'validation.…'))`, or a message for the
 *    whole form → `rejectForm(event, form, { message: { key, tone: 'error' } })`; success →
 *    `return acceptForm(event, form, { key: '….saved', tone: 'ok' })` or `redirect(303, …)`.
 *    Never `fail()` or `superforms.fail()` directly: rejectForm picks the answer that fits.
 * 5. A page that must ship no JavaScript (sign-in) skips step 4's `useForm`: its components read
 *    `data.xForm.data / .errors / .message` and post plain forms (see `components/auth/`).
 * 4. Page: `const superform = useForm(data.form)` from `$lib/forms/client`; `<form method="POST"
 *    use:enhance data-form={data.form.id}>` (the attribute lets useForm keep what was typed before
 *    hydration) with `bind:value={$form.field}` / `bind:checked` / `bind:group` on every input;
 *    `<FieldError>`, `<ErrorSummary>` and `<FormNotice>` from `$lib/components/form/`.
 *
 * Without JavaScript a post answers with a redirect (post-redirect-get): the form's state rides in a
 * short-lived cookie to the next `load`, so nothing typed is lost, the address never keeps `?/action`
 * and a reload does not ask to post again. With `use:enhance` the same action answers `fail(400)`.
 */
import { fail, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import {
	setError,
	superValidate,
	type FormPathLeavesWithErrors,
	type Infer,
	type InferIn,
	type SuperValidated
} from 'sveltekit-superforms';
import { zod4, type ZodValidationSchema } from 'sveltekit-superforms/adapters';
import { FALLBACK_MESSAGE, type FormMessage } from './messages';

/** The values a form edits, as its schema outputs them. */
type Data<S extends ZodValidationSchema> = Infer<S, 'zod4'>;
type Form<S extends ZodValidationSchema> = SuperValidated<Data<S>, FormMessage, InferIn<S, 'zod4'>>;

const FLASH_COOKIE = 'form_state';
/** Fields never sent back to the page nor kept in a cookie. */
const SECRETS = ['password', 'code'];

const adapters = new WeakMap<object, ReturnType<typeof zod4>>();
/** One adapter per schema (building it converts the schema to JSON Schema). */
export function adapter<S extends ZodValidationSchema>(schema: S) {
	let found = adapters.get(schema);
	if (!found) {
		found = zod4(schema, { error: () => FALLBACK_MESSAGE });
		adapters.set(schema, found);
	}
	return found as ReturnType<typeof zod4<S>>;
}

interface Flashed {
	id: string;
	path: string;
	data?: Record<string, unknown>;
	errors?: Record<string, unknown>;
	message?: FormMessage;
}

/** The form for a page's `load`: the saved values, or what a failed post left behind. */
export async function loadForm<S extends ZodValidationSchema>(
	event: Pick<RequestEvent, 'cookies' | 'url'>,
	schema: S,
	options: { id: string; data?: Partial<Data<S>> }
) {
	const form = await superValidate(options.data ?? null, adapter(schema), {
		id: options.id,
		errors: false
	});
	const flashed = takeFlash(event.cookies, options.id, event.url.pathname);
	if (flashed) {
		Object.assign(form.data, flashed.data ?? {});
		if (flashed.errors) {
			form.errors = flashed.errors as typeof form.errors;
			form.valid = false;
		}
		if (flashed.message) form.message = flashed.message;
	}
	return form as Form<S>;
}

/** The posted form, validated. */
export async function readForm<S extends ZodValidationSchema>(
	event: RequestEvent,
	schema: S,
	id: string
) {
	return (await superValidate(event.request, adapter(schema), { id })) as Form<S>;
}

/** A refused form: `fail()` for `use:enhance`, post-redirect-get without JavaScript. */
export function rejectForm<S extends ZodValidationSchema>(
	event: RequestEvent,
	form: Form<S>,
	options: { status?: number; message?: FormMessage; to?: string } = {}
) {
	const data = form.data as Record<string, unknown>;
	for (const key of SECRETS) if (key in data) data[key] = '';
	if (options.message) form.message = options.message;
	if (enhanced(event)) return fail(options.status ?? 400, { form });
	const to = options.to ?? pageUrl(event.url);
	flash(event, { id: form.id, data: form.data, errors: form.errors, message: form.message }, to);
	redirect(303, to);
}

/** A saved form that stays on its page, saying so (`message`). */
export function acceptForm<S extends ZodValidationSchema>(
	event: RequestEvent,
	form: Form<S>,
	message: FormMessage
) {
	form.message = message;
	if (enhanced(event)) return { form };
	goWithMessage(event, pageUrl(event.url), form.id, message);
}

/** Redirects (303) to `to`, where the form `id` will say `message`. */
export function goWithMessage(
	event: RequestEvent,
	to: string,
	id: string,
	message: FormMessage
): never {
	flash(event, { id, message }, to);
	redirect(303, to);
}

/** A field refused after validation (a ward that does not exist…), with a typed message. */
export function refuseForm<S extends ZodValidationSchema>(
	form: Form<S>,
	field: FormPathLeavesWithErrors<Data<S>>,
	key: FormMessage['key']
) {
	setError(form, field, key);
	return form;
}

/** `use:enhance` sends this header; a plain form post does not. */
function enhanced(event: RequestEvent) {
	return event.request.headers.get('x-sveltekit-action') === 'true';
}

/** The page's own address: the action's `?/name` dropped, everything else (redirect_to…) kept. */
export function pageUrl(url: URL): string {
	const params = new URLSearchParams(url.search);
	for (const key of [...params.keys()]) if (key.startsWith('/')) params.delete(key);
	const query = params.toString();
	return url.pathname + (query ? `?${query}` : '');
}

/**
 * Browsers keep a cookie of up to 4,096 bytes (name, value and attributes) and drop a larger one;
 * proxies refuse responses whose headers outgrow their buffers. A flash that would not fit keeps
 * its message (and errors if they fit) and drops what was typed: a value that long cannot be kept.
 */
const FLASH_MAX = 3_500;

function fitting(value: Flashed): string {
	const fits = (v: Flashed) => encodeURIComponent(JSON.stringify(v)).length <= FLASH_MAX;
	if (fits(value)) return JSON.stringify(value);
	const { data: _typed, ...withoutData } = value;
	if (fits(withoutData)) return JSON.stringify(withoutData);
	const { errors: _errors, ...bare } = withoutData;
	return JSON.stringify(bare);
}

function flash(event: RequestEvent, state: Omit<Flashed, 'path'>, to: string) {
	const path = new URL(to, event.url).pathname;
	const value: Flashed = { ...state, path };
	event.cookies.set(FLASH_COOKIE, fitting(value), {
		path,
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		maxAge: 60
	});
}

function takeFlash(cookies: Cookies, id: string, path: string): Flashed | null {
	const raw = cookies.get(FLASH_COOKIE);
	if (!raw) return null;
	let value: Flashed;
	try {
		value = JSON.parse(raw) as Flashed;
	} catch {
		cookies.delete(FLASH_COOKIE, { path });
		return null;
	}
	if (value.id !== id || value.path !== path) return null;
	cookies.delete(FLASH_COOKIE, { path });
	return value;
}
