// The forms of the groups pages: creating a group, proposing an award, and the one-button acts.
import { z } from 'zod';
import { says } from '$lib/forms/messages';

export const GROUP_KINDS = [
	'residential',
	'youth_union',
	'womens_union',
	'association',
	'school',
	'other'
] as const;

/** A new group: its ward (one the person may create in), name, kind and a few words about it. */
export const groupCreateSchema = z.object({
	ward_id: z.number(says('groups.errors.ward')).int().positive(says('groups.errors.ward')),
	name: z
		.string()
		.trim()
		.min(1, says('groups.errors.name_required'))
		.max(160, says('groups.errors.name_long')),
	kind: z.enum(GROUP_KINDS, says('groups.errors.kind')),
	description: z.string().trim().max(1000, says('groups.errors.description_long'))
});

/** A leader's proposal of an award for the group: a title and the reason, both required. */
export const awardProposalSchema = z.object({
	title: z
		.string()
		.trim()
		.min(1, says('groups.errors.title_required'))
		.max(200, says('groups.errors.title_long')),
	reason: z
		.string()
		.trim()
		.min(1, says('groups.errors.reason_required'))
		.max(1000, says('groups.errors.reason_long'))
});

/** Letting a person in or declining them: whose request. */
export const memberDecisionSchema = z.object({ profile_id: z.uuid() });

/** Approving a proposed award: which one. */
export const awardDecisionSchema = z.object({ award_id: z.coerce.number().int().positive() });

/** A yes/no choice posted by one button (take part in the ranking, show my name). */
export const switchSchema = z.object({
	on: z.enum(['true', 'false']).transform((value) => value === 'true')
});

/** Offering the leadership: to which member; empty withdraws the offer. */
export const handOverSchema = z.object({ profile_id: z.union([z.uuid(), z.literal('')]) });

/** Answering an offer of leadership. */
export const leadershipAnswerSchema = z.object({
	accept: z.enum(['true', 'false']).transform((value) => value === 'true')
});
