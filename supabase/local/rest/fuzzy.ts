// Fuzzy "Perhaps you meant …" hints, with PostgREST's 0.75 similarity threshold.

function distance(a: string, b: string): number {
	const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		let prev = dp[0] as number;
		dp[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const tmp = dp[j] as number;
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			dp[j] = Math.min((dp[j] as number) + 1, (dp[j - 1] as number) + 1, prev + cost);
			prev = tmp;
		}
	}
	return dp[b.length] as number;
}

/** The most similar name scoring at least 0.75 (1 - edit distance / length), if any. */
export function closest(names: string[], target: string): string | undefined {
	let best: string | undefined;
	let bestScore = 0.75;
	for (const n of names) {
		const d = distance(n.toLowerCase(), target.toLowerCase());
		const score = 1 - d / Math.max(n.length, target.length, 1);
		if (score >= bestScore && n !== target) {
			best = n;
			bestScore = score;
		}
	}
	return best;
}

/** The name at the smallest edit distance, whatever the score (first on ties). */
export function nearest(names: string[], target: string): string {
	let best = names[0] ?? '';
	let bestDistance = Infinity;
	for (const n of names) {
		const d = distance(n.toLowerCase(), target.toLowerCase());
		if (d < bestDistance) {
			best = n;
			bestDistance = d;
		}
	}
	return best;
}
