// Every code or link sent goes through here: GoTrue's project-wide hourly cap ([auth.rate_limit]
// sms_sent / email_sent) and this server's own caps per phone number or address. Slots are taken
// synchronously before the send and given back when the send does not happen.
import type { Deps } from './deps';
import { frequencyLimited, tooMany } from './errors';
import { PROJECT } from './ratelimit';

export type Channel = 'sms' | 'email';

function takeSendSlots(deps: Deps, channel: Channel, recipient: string): () => void {
	const l = deps.limits;
	const code = channel === 'sms' ? 'over_sms_send_rate_limit' : 'over_email_send_rate_limit';
	const project = channel === 'sms' ? l.smsSent : l.emailSent;
	const projectMsg = channel === 'sms' ? 'SMS rate limit exceeded' : 'Email rate limit exceeded';
	if (!project.allows(PROJECT)) throw tooMany(code, projectMsg);
	for (const limiter of [l.recipientHour, l.recipientDay]) {
		if (!limiter.allows(recipient)) {
			throw frequencyLimited(code, limiter.secondsUntilFree(recipient));
		}
	}
	const releases = [
		project.take(PROJECT, code, projectMsg),
		l.recipientHour.take(recipient, code),
		l.recipientDay.take(recipient, code)
	];
	return () => releases.forEach((release) => release());
}

/** Runs `send` under the send limits; a new code resets the wrong tries counted for `recipient`. */
export async function guardedSend<T>(
	deps: Deps,
	channel: Channel,
	recipient: string,
	send: () => Promise<T>
): Promise<T> {
	const release = takeSendSlots(deps, channel, recipient);
	try {
		const result = await send();
		deps.limits.codeAttempts.reset(recipient);
		return result;
	} catch (err) {
		release();
		throw err;
	}
}
