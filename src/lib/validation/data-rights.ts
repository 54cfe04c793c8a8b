import { z } from 'zod';
import { says } from '$lib/forms/messages';

/** Typed word, compared without case, spaces or Vietnamese marks ("Xóa" = "xoa" = "XOA"). */
function plain(value: string): string {
	return value
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/gi, 'd')
		.replace(/\s+/g, '')
		.toUpperCase();
}

/** The words that confirm each act, in either language (the page shows the one of its locale). */
export const CONFIRM_WORDS = { export: ['XEM', 'SHOW'], delete: ['XOA', 'DELETE'] } as const;

function confirmSchema(words: readonly string[]) {
	return z.object({
		confirm: z
			.string()
			.max(40, says('data.confirm.wrong'))
			.refine((value) => words.includes(plain(value)), says('data.confirm.wrong'))
	});
}

/** Seeing or downloading one's data: type XEM (or SHOW). */
export const exportSchema = confirmSchema(CONFIRM_WORDS.export);
/** Deleting one's account: type XOA / XÓA (or DELETE). */
export const deleteSchema = confirmSchema(CONFIRM_WORDS.delete);
