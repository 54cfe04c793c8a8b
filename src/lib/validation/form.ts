// Turns FormData into a plain object and a zod result into field errors that name message keys.
import type { z } from 'zod';
import type { MessageKey } from '$lib/i18n/keys';

export type FieldErrors = Partial<Record<string, MessageKey>>;

export type FormResult<T> =
	{ ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

/** Fields named in `arrays` keep every value (checkbox groups); the rest keep the first. */
export function formToObject(form: FormData, arrays: readonly string[] = []) {
	const values: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) {
		const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
		values[key] = arrays.includes(key) ? all : all[0];
	}
	for (const key of arrays) values[key] ??= [];
	return values;
}

/** Values safe to send back to the page: never passwords or codes. */
function keepable(values: Record<string, unknown>) {
	const { password: _p, code: _c, ...rest } = values;
	return rest;
}

export function parseForm<S extends z.ZodType>(
	schema: S,
	form: FormData,
	arrays: readonly string[] = []
): FormResult<z.output<S>> {
	const values = formToObject(form, arrays);
	const result = schema.safeParse(values);
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= (
			issue.message.includes('.') ? issue.message : 'validation.invalid'
		) as MessageKey;
	}
	return { ok: false, errors, values: keepable(values) };
}
