// In-memory sliding-window limits, keyed like GoTrue's (per IP, per window).
import { tooMany } from './errors';

export class WindowLimiter {
	private hits = new Map<string, number[]>();

	constructor(
		private readonly limit: () => number,
		private readonly windowMs: number
	) {}

	/** Records one hit; throws 429 when the window already holds `limit` hits. */
	take(key: string, code = 'over_request_rate_limit', msg = 'Request rate limit reached'): void {
		const now = Date.now();
		const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
		if (recent.length >= this.limit()) {
			this.hits.set(key, recent);
			throw tooMany(code, msg);
		}
		recent.push(now);
		this.hits.set(key, recent);
	}

	/** Throws without recording when the limit is already reached. */
	check(key: string, code = 'over_request_rate_limit', msg = 'Request rate limit reached'): void {
		const now = Date.now();
		const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
		if (recent.length >= this.limit()) throw tooMany(code, msg);
	}

	record(key: string): void {
		const list = this.hits.get(key) ?? [];
		list.push(Date.now());
		this.hits.set(key, list);
	}
}

const FIVE_MINUTES = 5 * 60_000;
const HOUR = 60 * 60_000;

export function createLimiters(rate: {
	emailSent: number;
	smsSent: number;
	tokenRefresh: number;
	signInSignUps: number;
	tokenVerifications: number;
}) {
	return {
		emailSent: new WindowLimiter(() => rate.emailSent, HOUR),
		smsSent: new WindowLimiter(() => rate.smsSent, HOUR),
		tokenRefresh: new WindowLimiter(() => rate.tokenRefresh, FIVE_MINUTES),
		signInSignUps: new WindowLimiter(() => rate.signInSignUps, FIVE_MINUTES),
		tokenVerifications: new WindowLimiter(() => rate.tokenVerifications, FIVE_MINUTES)
	};
}

export type Limiters = ReturnType<typeof createLimiters>;
