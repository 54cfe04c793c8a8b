// Taking over an account a volunteer or coordinator registered for you, with the code they gave.
import { z } from 'zod';
import { says } from '$lib/forms/messages';

/** The claim code alphabet (no 0/O, 1/I), 8 characters; spaces, dashes and case do not matter. */
export const CLAIM_CODE = /^[A-HJ-NP-Z2-9]{8}$/;

/** What a person types, as the database compares it: upper case, separators dropped. */
export function normalizeClaimCode(typed: string): string {
	return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export const claimSchema = z.object({
	code: z
		.string(says('claim.validation.code_required'))
		.transform(normalizeClaimCode)
		.pipe(
			z
				.string()
				.min(1, { ...says('claim.validation.code_required'), abort: true })
				.regex(CLAIM_CODE, says('claim.validation.code_shape'))
		)
});

export type ClaimInput = z.output<typeof claimSchema>;
