// In-memory limits. GoTrue's own are keyed by client address (the rate-limit header), except the
// hourly e-mail and SMS caps, which are one bucket for the whole project. The per-recipient limits
// (tries per code, codes per hour and day) are this server's own: GoTrue lacks them (README).
//
// Correct under concurrency: every decision is taken synchronously (check and record in one step,
// before any await), so two requests racing cannot both take the last slot. A request that turns
// out not to count (a verification that succeeds) gives its slot back.
import { otpExpired, tooMany } from './errors';

export class WindowLimiter {
	private hits = new Map<string, number[]>();

	constructor(
		private readonly limit: () => number,
		private readonly windowMs: number
	) {}

	private recent(key: string, now: number): number[] {
		const list = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
		if (list.length === 0) this.hits.delete(key);
		else this.hits.set(key, list);
		return list;
	}

	/** Whether `key` still has room; records nothing. */
	allows(key: string): boolean {
		return this.recent(key, Date.now()).length < this.limit();
	}

	/**
	 * Takes one slot or throws 429. Returns a function that gives the slot back, for a request
	 * that turns out not to count.
	 */
	take(
		key: string,
		code = 'over_request_rate_limit',
		msg = 'Request rate limit reached'
	): () => void {
		const now = Date.now();
		const list = this.recent(key, now);
		if (list.length >= this.limit()) throw tooMany(code, msg);
		list.push(now);
		this.hits.set(key, list);
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const current = this.hits.get(key);
			const at = current?.indexOf(now) ?? -1;
			if (current && at >= 0) current.splice(at, 1);
		};
	}

	/** Seconds until `key` has room again (0 when it has room now). */
	secondsUntilFree(key: string): number {
		const now = Date.now();
		const list = this.recent(key, now);
		const over = list.length - this.limit() + 1;
		if (over <= 0) return 0;
		const freeAt = (list[over - 1] ?? now) + this.windowMs;
		return Math.max(1, Math.ceil((freeAt - now) / 1000));
	}

	/** Drops keys whose window is over, so a long-running server does not grow. */
	sweep(): void {
		const now = Date.now();
		for (const key of [...this.hits.keys()]) this.recent(key, now);
	}

	clear(key: string): void {
		this.hits.delete(key);
	}
}

/**
 * Wrong tries per sent code, per recipient. A code is void after `maxAttempts` wrong tries, and
 * stays void until a new code is sent (which resets the count). The try is counted before the
 * code is compared, so concurrent guesses cannot exceed the limit.
 */
export class CodeAttempts {
	private tries = new Map<string, { used: number; at: number }>();

	constructor(private readonly max: () => number) {}

	/** Counts one try or throws GoTrue's `otp_expired` when the code is already void. */
	begin(recipient: string): { succeeded: () => void; voidNow: () => boolean } {
		const max = this.max();
		const used = this.tries.get(recipient)?.used ?? 0;
		if (max > 0 && used >= max) throw otpExpired();
		this.tries.set(recipient, { used: used + 1, at: Date.now() });
		return {
			succeeded: () => void this.tries.delete(recipient),
			// True when this (wrong) try was the last one the code allowed.
			voidNow: () => max > 0 && used + 1 >= max
		};
	}

	/** A new code was sent: it gets its full set of tries. */
	reset(recipient: string): void {
		this.tries.delete(recipient);
	}

	/** Forgets counts older than any code can live (guesses at unknown numbers add up otherwise). */
	sweep(maxAgeMs = DAY): void {
		const oldest = Date.now() - maxAgeMs;
		for (const [key, entry] of this.tries) if (entry.at < oldest) this.tries.delete(key);
	}
}

const FIVE_MINUTES = 5 * 60_000;
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

export function createLimiters(auth: {
	rateLimit: {
		emailSent: number;
		smsSent: number;
		tokenRefresh: number;
		signInSignUps: number;
		tokenVerifications: number;
	};
	recipientLimits: { maxAttempts: number; sendsPerHour: number; sendsPerDay: number };
}) {
	const rate = auth.rateLimit;
	const per = auth.recipientLimits;
	const off = (n: number) => (n > 0 ? n : Number.POSITIVE_INFINITY);
	const limiters = {
		/** Project-wide, as GoTrue keys them ("email_functions", "phone_functions"). */
		emailSent: new WindowLimiter(() => rate.emailSent, HOUR),
		smsSent: new WindowLimiter(() => rate.smsSent, HOUR),
		/** Per client address. */
		tokenRefresh: new WindowLimiter(() => rate.tokenRefresh, FIVE_MINUTES),
		signInSignUps: new WindowLimiter(() => rate.signInSignUps, FIVE_MINUTES),
		tokenVerifications: new WindowLimiter(() => rate.tokenVerifications, FIVE_MINUTES),
		/** Per phone number or e-mail address (local only). */
		recipientHour: new WindowLimiter(() => off(per.sendsPerHour), HOUR),
		recipientDay: new WindowLimiter(() => off(per.sendsPerDay), DAY),
		codeAttempts: new CodeAttempts(() => per.maxAttempts)
	};
	const sweeper = setInterval(() => {
		for (const limiter of Object.values(limiters)) limiter.sweep();
	}, 60_000);
	sweeper.unref();
	return limiters;
}

export type Limiters = ReturnType<typeof createLimiters>;

/** The project-wide key GoTrue uses for the hourly send caps. */
export const PROJECT = 'project';
