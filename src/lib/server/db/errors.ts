import type { PostgrestError } from '@supabase/supabase-js';

/** A failed query the page cannot recover from; handleError logs it and shows an id. */
export class DbError extends Error {
	constructor(
		readonly operation: string,
		readonly cause: PostgrestError
	) {
		super(`${operation}: ${cause.code} ${cause.message}`);
		this.name = 'DbError';
	}
}

export function check<T>(operation: string, result: { data: T; error: PostgrestError | null }): T {
	if (result.error) throw new DbError(operation, result.error);
	return result.data;
}

/** For list queries: no rows is an empty list, never null. */
export function checkList<T>(
	operation: string,
	result: { data: T[] | null; error: PostgrestError | null }
): T[] {
	return check(operation, result) ?? [];
}
