// The show/hide button of one badge.
import { z } from 'zod';

export const badgeShownSchema = z.object({
	award_id: z.coerce.number().int().positive(),
	shown: z.enum(['true', 'false']).transform((value) => value === 'true')
});
