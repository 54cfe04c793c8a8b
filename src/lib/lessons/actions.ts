// What the caller may do on a lesson page, from who they are to the lesson and its state. Pure, so
// the rules are tested without a database; the database refuses anything else anyway.
import type { Lesson, Participant } from '$lib/server/db/lessons';

const HOUR = 3_600_000;

/** Who the caller is to the lesson, and what that lets them do now. */
export interface Standing {
	teaching: boolean;
	coordinating: boolean;
	/** My own participation, if I am a learner in it. */
	mine: Participant | null;
	/** Participations of assisted learners I answer for. */
	forOthers: Participant[];
}

/** Which actions fit the caller and the lesson's state, at `now`. */
export function allowedActions(lesson: Lesson, standing: Standing, now = new Date()) {
	const live = lesson.status === 'proposed' || lesson.status === 'scheduled';
	const starts = new Date(lesson.starts_at).getTime();
	const ends = new Date(lesson.ends_at).getTime();
	const t = now.getTime();
	const inConfirmWindow = t >= starts - 0.5 * HOUR && t <= ends + 24 * HOUR;
	const learnerSide = Boolean(standing.mine) || standing.forOthers.length > 0;
	const invited = [standing.mine, ...standing.forOthers].filter(
		(p): p is Participant => p?.status === 'invited'
	);
	const isPart = standing.teaching || standing.coordinating || learnerSide;
	const attended =
		standing.mine?.status === 'attended' || (standing.teaching && lesson.status === 'completed');
	return {
		/** Accept or decline, for oneself or an assisted learner (the first one still invited). */
		answerFor: lesson.status === 'proposed' ? (invited[0] ?? null) : null,
		reschedule: live && isPart && !(lesson.kind === 'class' && !standing.teaching),
		cancel: live && isPart,
		noShow:
			lesson.status === 'scheduled' &&
			t >= starts &&
			t <= ends + 24 * HOUR &&
			(standing.teaching || learnerSide),
		// Attended means confirmed already; a declined or cancelled place has nothing to confirm.
		showCode:
			lesson.status === 'scheduled' &&
			(standing.mine?.status === 'accepted' || standing.mine?.status === 'invited'),
		typeCode: standing.teaching && lesson.status === 'scheduled',
		inConfirmWindow,
		/** Assisted learners a coordinator or helper may confirm without a code. */
		confirmFor:
			lesson.status === 'scheduled' || lesson.status === 'completed'
				? standing.forOthers.filter((p) => p.status === 'accepted' || p.status === 'invited')
				: [],
		unlock: standing.coordinating && lesson.status === 'scheduled',
		feedback: lesson.status === 'completed' && attended
	};
}
