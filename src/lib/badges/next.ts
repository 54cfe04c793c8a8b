// Which badge the profile shows as "next": the unearned one the person is closest to.

export interface Progress {
	award_id: number | null;
	current: number;
	threshold: number;
}

/**
 * The unearned badge with the largest share done (current / threshold, capped at 1); on a tie the
 * first in catalogue order. Null when every badge is earned (or none has a threshold).
 */
export function nextBadge<T extends Progress>(badges: readonly T[]): T | null {
	let best: T | null = null;
	let bestShare = -1;
	for (const badge of badges) {
		if (badge.award_id !== null || badge.threshold <= 0) continue;
		const share = Math.min(badge.current, badge.threshold) / badge.threshold;
		if (share > bestShare) {
			best = badge;
			bestShare = share;
		}
	}
	return best;
}
