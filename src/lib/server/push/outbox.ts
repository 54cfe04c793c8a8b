// Drains the push outbox once: claim a batch (FOR UPDATE SKIP LOCKED under a lease, in the database),
// send each notice to each of its recipient's devices, settle the batch. Safe with several workers: a
// row is claimed by one worker at a time, and one killed mid-batch is taken over when its lease ends.
import type { SupabaseClient } from '@supabase/supabase-js';
import { buildPayload, sendOptions, type OutboxNotification } from './payload';
import type { PushSender, Subscription } from './sender';

interface ClaimedRow extends OutboxNotification {
	claim: string;
	attempts: number;
	subscriptions: (Subscription & { id: number })[];
}

export interface DrainOptions {
	batchSize?: number;
	leaseSeconds?: number;
	/** Notices in flight at once. */
	concurrency?: number;
	/** Settle after this many notices are done. */
	settleEvery?: number;
}

interface Settle {
	sent: number[];
	/** Due again for the devices not in `delivered` (those that took it are not sent it again). */
	retry: { id: number; after_seconds: number; delivered: number[] }[];
	gone: number[];
}

export interface DrainStats {
	claimed: number;
	sent: number;
	retried: number;
	gone: number;
}

/** Back-off after a 5xx or a network error: 30 s, 1 min, 2 min ... capped at an hour. */
export function backoffSeconds(attempts: number, hinted: number): number {
	return Math.max(hinted, Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1)));
}

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
		while (next < items.length) {
			const item = items[next++] as T;
			await work(item);
		}
	});
	await Promise.all(runners);
}

/** One claim-send-settle round. Returns what happened; `claimed` 0 means the outbox is empty. */
export async function drainOnce(
	db: SupabaseClient,
	sender: PushSender,
	options: DrainOptions = {}
): Promise<DrainStats> {
	const claimed = await db.rpc('claim_push_batch', {
		p_limit: options.batchSize ?? 200,
		p_lease_seconds: options.leaseSeconds ?? 60
	});
	if (claimed.error) throw new Error(`claim_push_batch: ${claimed.error.message}`);
	const batch = (claimed.data ?? []) as ClaimedRow[];
	const stats: DrainStats = { claimed: batch.length, sent: 0, retried: 0, gone: 0 };
	if (batch.length === 0) return stats;

	// Each notice is settled soon after its sends complete (in small groups), not at the end of the
	// batch: a worker killed mid-batch leaves only the last few in doubt for the next one to re-send.
	const claim = batch[0]?.claim ?? '';
	let pending: Settle = { sent: [], retry: [], gone: [] };
	let flushing: Promise<void> = Promise.resolve();
	const failures: Error[] = [];
	const flush = () => {
		const group = pending;
		pending = { sent: [], retry: [], gone: [] };
		if (group.sent.length + group.retry.length + group.gone.length === 0) return flushing;
		flushing = flushing.then(async () => {
			const done = await db.rpc('finish_push_batch', {
				p_claim: claim,
				p_sent: group.sent,
				p_retry: group.retry,
				p_gone: group.gone
			});
			if (done.error) failures.push(new Error(`finish_push_batch: ${done.error.message}`));
		});
		return flushing;
	};

	await pool(batch, options.concurrency ?? 64, async (n) => {
		const payload = buildPayload(n);
		const results = await Promise.all(
			n.subscriptions.map((sub) => sender.send(sub, payload, sendOptions(n)))
		);
		// Per device: one that took the message is done, one that is gone is pruned, and the notice is
		// settled only when no device is still owed it. Settling it as soon as ANY device took it (as
		// before) meant a phone whose push service hiccuped never got what the laptop did.
		const delivered: number[] = [];
		let owed = 0;
		let hinted = 0;
		n.subscriptions.forEach((sub, i) => {
			const result = results[i];
			if (result?.kind === 'sent') delivered.push(sub.id);
			else if (result?.kind === 'gone') {
				pending.gone.push(sub.id);
				stats.gone++;
			} else {
				owed++;
				hinted = Math.max(hinted, result?.kind === 'retry' ? result.afterSeconds : 3600);
			}
		});
		if (owed === 0) {
			pending.sent.push(n.id);
			if (delivered.length > 0) stats.sent++;
		} else {
			pending.retry.push({
				id: n.id,
				after_seconds: backoffSeconds(n.attempts, hinted),
				delivered
			});
			stats.retried++;
		}
		if (pending.sent.length + pending.retry.length >= (options.settleEvery ?? 16)) void flush();
	});
	await flush();
	// Unsettled rows keep their lease and are sent again after it: re-sent, never lost.
	if (failures[0]) throw failures[0];
	return stats;
}

/** Drains until the outbox has nothing due (the cron endpoint and the bench). */
export async function drainAll(
	db: SupabaseClient,
	sender: PushSender,
	options: DrainOptions & {
		/**
		 * Claim-send-settle rounds run side by side (as that many workers would), so one round's
		 * claim and settle overlap another's sends instead of leaving the connections idle.
		 */
		rounds?: number;
	} = {}
): Promise<DrainStats> {
	const total: DrainStats = { claimed: 0, sent: 0, retried: 0, gone: 0 };
	const loop = async () => {
		for (;;) {
			const round = await drainOnce(db, sender, options);
			total.claimed += round.claimed;
			total.sent += round.sent;
			total.retried += round.retried;
			total.gone += round.gone;
			if (round.claimed === 0 || round.sent + round.gone === 0) return;
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, options.rounds ?? 1) }, loop));
	return total;
}
