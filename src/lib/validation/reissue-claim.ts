// A helper asks for a new account code for someone they registered.
import { z } from 'zod';
import { says } from '$lib/forms/messages';

export const reissueClaimSchema = z.object({
	learner_id: z.uuid(says('claim.helper.not_yours'))
});
