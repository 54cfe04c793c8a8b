// The union of every message key, derived from the Vietnamese messages so `t()` rejects typos.
import type vi from './locales/vi';

type Leaves<T, Prefix extends string = ''> = {
	[K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<typeof vi>;
