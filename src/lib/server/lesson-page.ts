// The lesson page's load: the lesson, its people, its place (exact only once both agreed, the
// database decides), the skill's steps and materials, and which forms the caller gets.
import { error, type RequestEvent } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { loadForm } from '$lib/forms/server';
import * as badges from '$lib/server/db/badges';
import * as coordinators from '$lib/server/db/coordinators';
import * as credentials from '$lib/server/db/credentials';
import * as deviceCards from '$lib/server/db/device-cards';
import * as lessonPeople from '$lib/server/db/lesson-people';
import * as lessons from '$lib/server/db/lessons';
import * as skills from '$lib/server/db/skills';
import type { Lesson, Participant } from '$lib/server/db/lessons';
import { allowedActions, type Standing } from '$lib/lessons/actions';
import { minutesBetween, vietnamParts } from '$lib/lessons/time';
import {
	answerSchema,
	cancelSchema,
	confirmForSchema,
	confirmSchema,
	feedbackSchema,
	noShowSchema,
	rescheduleSchema
} from '$lib/validation/lesson';
import { deviceCardSchema, type DeviceAction } from '$lib/validation/device-card';

const ANSWERED = new Set(['declined', 'cancelled']);

export async function standingIn(
	locals: App.Locals,
	me: string,
	lesson: Lesson,
	people: Participant[]
): Promise<Standing> {
	const wards = await coordinators.wardsOf(locals.supabase, me);
	const assisted = await lessonPeople.assistedBy(locals.supabase, me, wards);
	const answerable = new Set(assisted.map((a) => a.id));
	return {
		teaching: lesson.teacher_id === me,
		coordinating: wards.includes(lesson.ward_id),
		mine: people.find((p) => p.profile_id === me) ?? null,
		forOthers: people.filter((p) => answerable.has(p.profile_id))
	};
}

/** The QR code the teacher scans: the confirm form of this lesson with the code filled in. */
export function confirmUrl(origin: string, id: number, code: string): string {
	return `${origin}/lessons/${id}?code=${code}#confirm`;
}

export async function loadLesson(event: RequestEvent, me: string) {
	const { locals, params, url } = event;
	const id = Number(params.id);
	if (!Number.isSafeInteger(id) || id < 1) error(404, 'Not found');
	const lesson = await lessons.get(locals.supabase, id);
	if (!lesson) error(404, 'Not found');
	const people = await lessons.participants(locals.supabase, id);
	const standing = await standingIn(locals, me, lesson, people);
	const can = allowedActions(lesson, standing);
	const live = people.filter((p) => !ANSWERED.has(p.status));

	const [place, steps, materials, cards, phones, code, feedback, skillList, shown] =
		await Promise.all([
			lessons.place(locals.supabase, id),
			lessons.steps(locals.supabase, lesson.skill_id),
			lessons.materials(locals.supabase, lesson.skill_id),
			lessonPeople.cards(locals.supabase, [lesson.teacher_id, ...live.map((p) => p.profile_id)]),
			lessonPeople.phones(
				locals.supabase,
				[lesson.teacher_id, ...live.map((p) => p.profile_id)].filter((p) => p !== me)
			),
			can.showCode ? lessons.myCode(locals.supabase, id, me) : null,
			can.feedback ? lessons.myFeedback(locals.supabase, id, me) : null,
			skills.listActive(locals.supabase),
			badges.shownBy(locals.supabase, [lesson.teacher_id, ...live.map((p) => p.profile_id)])
		]);
	const card = await loadDeviceCard(event, lesson, standing, live, me);
	const when = vietnamParts(lesson.starts_at);
	const prefilledCode = url.searchParams.get('code')?.replace(/\D/g, '').slice(0, 6) ?? '';

	return {
		lesson,
		skill: skillList.find((s) => s.id === lesson.skill_id) ?? null,
		place,
		steps,
		materials,
		/** Teacher first, then the learners who have not declined; cards only where the database allows. */
		people: [
			{ id: lesson.teacher_id, role: 'teacher' as const, status: null },
			...live.map((p) => ({ id: p.profile_id, role: 'learner' as const, status: p.status }))
		].map((p) => ({
			...p,
			card: cards.find((c) => c.id === p.id) ?? null,
			phone: phones.get(p.id) ?? null,
			/** Badges the person chose to show (their card only). */
			badges: shown.get(p.id) ?? [],
			isMe: p.id === me
		})),
		can,
		/** Badges this lesson earned the caller (awarded in the completing transaction). */
		newBadges:
			lesson.status === 'completed' ? await credentials.earnedBy(locals.supabase, id, me) : [],
		code,
		qrSvg: code
			? await QRCode.toString(confirmUrl(url.origin, id, code), { type: 'svg', margin: 1 })
			: null,
		feedback,
		answerForm: await loadForm(event, answerSchema, {
			id: 'answer',
			data: {
				decision: 'accept',
				for_id: can.answerFor && can.answerFor.profile_id !== me ? can.answerFor.profile_id : ''
			}
		}),
		rescheduleForm: await loadForm(event, rescheduleSchema, {
			id: 'reschedule',
			data: { ...when, minutes: minutesBetween(lesson.starts_at, lesson.ends_at), reason: '' }
		}),
		cancelForm: await loadForm(event, cancelSchema, { id: 'cancel' }),
		noShowForm: await loadForm(event, noShowSchema, {
			id: 'no-show',
			data: {
				absent_id: standing.teaching
					? (live.find((p) => p.profile_id !== me)?.profile_id ?? '')
					: lesson.teacher_id
			}
		}),
		confirmForm: await loadForm(event, confirmSchema, {
			id: 'confirm',
			data: { code: prefilledCode }
		}),
		confirmForForm: await loadForm(event, confirmForSchema, {
			id: 'confirm-for',
			data: { learner_id: can.confirmFor[0]?.profile_id ?? '' }
		}),
		feedbackForm: await loadForm(event, feedbackSchema, { id: 'feedback' }),
		/** The phone consent card, when the lesson touches the learner's phone and is upcoming. */
		deviceCard: card
	};
}

const UPCOMING = new Set(['proposed', 'scheduled']);
/** A class's card stays open while attendance is taken (the first present mark completes it). */
const CLASS_OPEN = new Set(['scheduled', 'completed']);

/**
 * The card's state for the people the caller confirms for: the teacher, every live learner; a
 * learner, herself; a helper or coordinator, the assisted learners they answer for.
 */
async function loadDeviceCard(
	event: RequestEvent,
	lesson: Lesson,
	standing: Standing,
	live: Participant[],
	me: string
) {
	const supabase = event.locals.supabase;
	const isClass = lesson.kind === 'class';
	if (!(isClass ? CLASS_OPEN : UPCOMING).has(lesson.status)) return null;
	if (isClass && Date.parse(lesson.ends_at) + 86_400_000 < Date.now()) return null;
	if (!(await deviceCards.skillTouchesPhone(supabase, lesson.skill_id))) return null;
	const mine = new Set(standing.forOthers.map((p) => p.profile_id));
	if (standing.mine) mine.add(me);
	const subjects = live
		.filter(
			(p) =>
				p.status === 'invited' || p.status === 'accepted' || (isClass && p.status === 'no_show')
		)
		.filter((p) => standing.teaching || mine.has(p.profile_id))
		.map((p) => p.profile_id);
	if (!subjects.length) return null;
	const cards = await deviceCards.forLesson(supabase, lesson.id);
	const first = cards.find((c) => c.learner_id === subjects[0]);
	return {
		subjects: subjects.map((id) => {
			const c = cards.find((x) => x.learner_id === id);
			return {
				id,
				teacherConfirmed: Boolean(c?.teacher_confirmed_at),
				learnerConfirmed: Boolean(c?.learner_confirmed_at)
			};
		}),
		form: await loadForm(event, deviceCardSchema, {
			id: 'device-card',
			data: {
				learner_id: subjects[0] ?? '',
				actions: (first?.actions ?? ['show_on_own_phone']) as DeviceAction[],
				minutes: first?.minutes ?? 30,
				codes_rule: false
			}
		})
	};
}
