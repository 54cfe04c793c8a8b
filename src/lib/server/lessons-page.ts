// "My lessons": every lesson I teach, learn in, or answer for (assisted learners I registered or
// coordinate), in three groups: waiting for my answer, coming up (or still to confirm), past.
import * as coordinators from '$lib/server/db/coordinators';
import * as lessonPeople from '$lib/server/db/lesson-people';
import * as lessons from '$lib/server/db/lessons';
import * as skills from '$lib/server/db/skills';
import type { Lesson } from '$lib/server/db/lessons';

export interface LessonItem {
	lesson: Lesson;
	/** 'teaching', 'learning', or 'for' an assisted learner (named in `forName`). */
	role: 'teaching' | 'learning' | 'for';
	forName: string | null;
	/** The other side's name where the caller may know it. */
	withName: string | null;
	skill: { title_vi: string; title_en: string; icon: string } | null;
}

const LIVE = new Set(['proposed', 'scheduled']);
/** A lesson can still be confirmed (or an absence reported) until a day after it ends. */
const CONFIRM_GRACE_MS = 24 * 3_600_000;

export async function loadMyLessons(locals: App.Locals, me: string, now = new Date()) {
	const supabase = locals.supabase;
	const wards = await coordinators.wardsOf(supabase, me);
	const [assisted, taught, skillList] = await Promise.all([
		lessonPeople.assistedBy(supabase, me, wards),
		lessons.listTaught(supabase, me),
		skills.listActive(supabase)
	]);
	const assistedNames = new Map(assisted.map((a) => [a.id, a.display_name]));
	const participations = await lessons.participationsOf(supabase, [me, ...assistedNames.keys()]);
	const taughtIds = new Set(taught.map((l) => l.id));
	const learnt = await lessons.listByIds(
		supabase,
		[...new Set(participations.map((p) => p.session_id))].filter((id) => !taughtIds.has(id))
	);
	const all = [...taught, ...learnt];

	// Names: learners of what I teach, teachers of what I learn (profile_cards decides who).
	const mineBySession = new Map(participations.map((p) => [p.session_id, p]));
	const otherParticipants = await lessons.participationsInSessions(supabase, [...taughtIds]);
	const cards = await lessonPeople.cards(supabase, [
		...learnt.map((l) => l.teacher_id),
		...otherParticipants.map((p) => p.profile_id)
	]);
	const names = new Map(cards.map((c) => [c.id, c.display_name]));
	const skillById = new Map(skillList.map((s) => [s.id, s]));

	const items: (LessonItem & { waiting: boolean })[] = all.map((lesson) => {
		const mine = mineBySession.get(lesson.id);
		const teaching = lesson.teacher_id === me;
		const learner = otherParticipants.find(
			(p) => p.session_id === lesson.id && !['declined', 'cancelled'].includes(p.status)
		);
		const skill = skillById.get(lesson.skill_id);
		return {
			lesson,
			role: teaching ? 'teaching' : mine && mine.profile_id !== me ? 'for' : 'learning',
			forName: mine && mine.profile_id !== me ? (assistedNames.get(mine.profile_id) ?? null) : null,
			withName: teaching
				? learner
					? (names.get(learner.profile_id) ?? null)
					: null
				: (names.get(lesson.teacher_id) ?? null),
			skill: skill
				? { title_vi: skill.title_vi, title_en: skill.title_en, icon: skill.icon }
				: null,
			waiting: !teaching && lesson.status === 'proposed' && mine?.status === 'invited'
		};
	});

	const stillOpen = (l: Lesson) =>
		LIVE.has(l.status) && new Date(l.ends_at).getTime() + CONFIRM_GRACE_MS > now.getTime();
	const byStart = (a: LessonItem, b: LessonItem) =>
		a.lesson.starts_at.localeCompare(b.lesson.starts_at);
	return {
		/** Proposals waiting for my answer (or the answer of a learner I answer for). */
		waiting: items.filter((i) => i.waiting).sort(byStart),
		/** Lessons coming up, or just over and still to confirm, soonest first. */
		upcoming: items.filter((i) => !i.waiting && stillOpen(i.lesson)).sort(byStart),
		/** Everything else, newest first. */
		past: items
			.filter((i) => !i.waiting && !stillOpen(i.lesson))
			.sort((a, b) => byStart(b, a))
			.slice(0, 50)
	};
}
