// The phone consent card's form: what the volunteer may do with the learner's phone, for how long,
// and the rule that one-time codes, passwords and PINs are typed by the learner alone.
import { z } from 'zod';
import { says } from '$lib/forms/messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Kept in the order the card lists them; the database checks the same list. */
export const DEVICE_ACTIONS = [
	'show_on_own_phone',
	'hold_phone',
	'install_apps',
	'change_settings',
	'create_accounts'
] as const;
export type DeviceAction = (typeof DEVICE_ACTIONS)[number];

export const CARD_MINUTES = [15, 30, 45, 60, 90, 120] as const;

export const deviceCardSchema = z.object({
	learner_id: z.string().regex(UUID, says('consent.card.validation.learner')),
	actions: z
		.array(z.enum(DEVICE_ACTIONS))
		.min(1, says('consent.card.validation.actions'))
		.max(DEVICE_ACTIONS.length)
		.default([]),
	minutes: z
		.number()
		.int()
		.refine(
			(m) => (CARD_MINUTES as readonly number[]).includes(m),
			says('consent.card.validation.minutes')
		)
		.default(30),
	codes_rule: z
		.boolean()
		.refine((v) => v, says('consent.card.validation.codes_rule'))
		.default(false)
});

/** The same card on a class's shared tablet, with the learner's own agreement ticked there. */
export const classCardSchema = deviceCardSchema.extend({
	learner_agrees: z
		.boolean()
		.refine((v) => v, says('consent.class_card.validation.learner_agrees'))
		.default(false)
});
