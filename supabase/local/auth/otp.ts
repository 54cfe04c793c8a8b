// One-time codes: generated, hashed as GoTrue hashes them, delivered to the local outbox.
import { createHash, randomInt } from 'node:crypto';
import type { ServerContext, Tx } from '../types';
import { frequencyLimited } from './errors';
import type { UserRow } from './users';

export type EmailOtpKind =
	| 'signup'
	| 'magiclink'
	| 'recovery'
	| 'email_change'
	| 'invite'
	| 'email_change_current'
	| 'reauthentication';

/** GoTrue's GenerateTokenHash: hex sha224 of recipient + code; also the `token_hash` of links. */
export function tokenHash(recipient: string, code: string): string {
	return createHash('sha224')
		.update(recipient + code)
		.digest('hex');
}

export function generateCode(length: number): string {
	let code = '';
	for (let i = 0; i < length; i++) code += String(randomInt(10));
	return code;
}

export async function writeOutbox(
	tx: Tx,
	message: { channel: 'sms' | 'email'; to: string; subject?: string; body: string; code?: string }
): Promise<string> {
	const { rows } = await tx.query<{ id: string }>(
		`insert into _local.outbox (channel, recipient, subject, body, code)
		values ($1, $2, $3, $4, $5) returning id::text`,
		[message.channel, message.to, message.subject ?? null, message.body, message.code ?? null]
	);
	return rows[0]?.id ?? '';
}

/** Refuses a new message to the same user before `max_frequency` has passed, as GoTrue. */
export function checkFrequency(
	sentAt: Date | string | null,
	maxFrequencySeconds: number,
	code: 'over_sms_send_rate_limit' | 'over_email_send_rate_limit'
): void {
	if (!sentAt || maxFrequencySeconds <= 0) return;
	const next = new Date(sentAt).getTime() + maxFrequencySeconds * 1000;
	const left = next - Date.now();
	if (left > 0) throw frequencyLimited(code, Math.ceil(left / 1000));
}

function minutes(seconds: number): number {
	return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * config.toml's `[auth.sms] template`, rendered as GoTrue renders it (Go text/template with one
 * field, `.Code`): the same text production sends. Trim markers (`{{-`, `-}}`) eat the spaces next
 * to them, as in Go.
 */
export function renderSmsTemplate(template: string, code: string): string {
	return template.replace(
		/(\s*)\{\{(-?)\s*\.Code\s*(-?)\}\}(\s*)/g,
		(_m, before, l, r, after) => `${l ? '' : before}${code}${r ? '' : after}`
	);
}

export type PhoneOtpKind = 'sms' | 'phone_change' | 'reauthentication';

/** Stores the hashed code on the user and puts the SMS in the outbox. Returns the message id. */
export async function sendPhoneOtp(
	ctx: ServerContext,
	tx: Tx,
	user: UserRow,
	phone: string,
	kind: PhoneOtpKind
): Promise<string> {
	const sms = ctx.config.auth.sms;
	const sentAt =
		kind === 'sms'
			? user.confirmation_sent_at
			: kind === 'reauthentication'
				? user.reauthentication_sent_at
				: user.phone_change_sent_at;
	checkFrequency(sentAt, sms.maxFrequency, 'over_sms_send_rate_limit');
	const code = generateCode(sms.otpLength);
	const hash = tokenHash(phone, code);
	if (kind === 'sms') {
		await tx.query(
			'update auth.users set confirmation_token = $2, confirmation_sent_at = now() where id = $1',
			[user.id, hash]
		);
	} else if (kind === 'reauthentication') {
		await tx.query(
			`update auth.users set reauthentication_token = $2, reauthentication_sent_at = now()
			where id = $1`,
			[user.id, hash]
		);
	} else {
		await tx.query(
			`update auth.users set phone_change = $2, phone_change_token = $3,
				phone_change_sent_at = now() where id = $1`,
			[user.id, phone, hash]
		);
	}
	await storeOneTimeToken(
		tx,
		user.id,
		kind === 'sms'
			? 'confirmation_token'
			: kind === 'reauthentication'
				? 'reauthentication_token'
				: 'phone_change_token',
		hash,
		phone
	);
	const body = renderSmsTemplate(sms.template, code);
	return writeOutbox(tx, { channel: 'sms', to: `+${phone}`, body, code });
}

const EMAIL_SUBJECTS: Record<EmailOtpKind, string> = {
	signup: 'Xác nhận đăng ký Bình dân học vụ số',
	magiclink: 'Mã đăng nhập Bình dân học vụ số',
	recovery: 'Đặt lại mật khẩu Bình dân học vụ số',
	email_change: 'Xác nhận địa chỉ e-mail mới',
	email_change_current: 'Xác nhận đổi địa chỉ e-mail',
	reauthentication: 'Mã xác nhận lại danh tính',
	invite: 'Lời mời tham gia Bình dân học vụ số'
};

const EMAIL_COLUMNS: Record<EmailOtpKind, { token: string; sentAt: keyof UserRow }> = {
	signup: { token: 'confirmation_token', sentAt: 'confirmation_sent_at' },
	invite: { token: 'confirmation_token', sentAt: 'confirmation_sent_at' },
	magiclink: { token: 'recovery_token', sentAt: 'recovery_sent_at' },
	recovery: { token: 'recovery_token', sentAt: 'recovery_sent_at' },
	email_change: { token: 'email_change_token_new', sentAt: 'email_change_sent_at' },
	email_change_current: { token: 'email_change_token_current', sentAt: 'email_change_sent_at' },
	reauthentication: { token: 'reauthentication_token', sentAt: 'reauthentication_sent_at' }
};

/**
 * Stores the hashed code and e-mails a code and a link to GET /verify. With PKCE the link's token
 * carries GoTrue's `pkce_` prefix and the redirect gets `?code=` instead of tokens.
 */
export async function sendEmailOtp(
	ctx: ServerContext,
	tx: Tx,
	user: UserRow,
	email: string,
	kind: EmailOtpKind,
	opts: { redirectTo: string; pkce?: boolean; checkFrequency?: boolean; deliver?: boolean }
): Promise<{ code: string; hash: string; link: string }> {
	const mail = ctx.config.auth.email;
	const cols = EMAIL_COLUMNS[kind];
	if (opts.checkFrequency !== false) {
		checkFrequency(
			user[cols.sentAt] as Date | string | null,
			mail.maxFrequency,
			'over_email_send_rate_limit'
		);
	}
	const code = generateCode(mail.otpLength);
	const hash = tokenHash(email, code);
	// A new change request starts its confirmations from zero (GoTrue's email_change_confirm_status).
	const extra =
		kind === 'email_change' ? ', email_change = $3, email_change_confirm_status = 0' : '';
	await tx.query(
		`update auth.users set ${cols.token} = $2, ${String(cols.sentAt)} = now()${extra} where id = $1`,
		kind === 'email_change' ? [user.id, hash, email] : [user.id, hash]
	);
	await storeOneTimeToken(tx, user.id, cols.token as OneTimeTokenType, hash, email);
	const linkToken = opts.pkce ? `pkce_${hash}` : hash;
	const linkType = kind === 'email_change_current' ? 'email_change' : kind;
	const link = `${ctx.apiUrl}/auth/v1/verify?token=${linkToken}&type=${linkType}&redirect_to=${encodeURIComponent(opts.redirectTo)}`;
	const body = [
		`Mã xác thực của bạn là ${code}.`,
		`Hoặc mở liên kết này: ${link}`,
		`Mã có hiệu lực trong ${minutes(mail.otpExpiry)} phút. Nếu bạn không yêu cầu, hãy bỏ qua thư này.`
	].join('\n\n');
	if (opts.deliver !== false) {
		await writeOutbox(tx, {
			channel: 'email',
			to: email,
			subject: EMAIL_SUBJECTS[kind],
			body,
			code
		});
	}
	return { code, hash, link };
}

export type OneTimeTokenType =
	| 'confirmation_token'
	| 'reauthentication_token'
	| 'recovery_token'
	| 'email_change_token_new'
	| 'email_change_token_current'
	| 'phone_change_token';

async function storeOneTimeToken(
	tx: Tx,
	userId: string,
	type: OneTimeTokenType,
	hash: string,
	relatesTo: string
): Promise<void> {
	await tx.query(
		`insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
		values (gen_random_uuid(), $1, $2::auth.one_time_token_type, $3, $4)
		on conflict (user_id, token_type) do update set token_hash = excluded.token_hash,
			relates_to = excluded.relates_to, updated_at = now()`,
		[userId, type, hash, relatesTo]
	);
}

export async function clearOneTimeTokens(tx: Tx, userId: string, types: OneTimeTokenType[]) {
	await tx.query(
		'delete from auth.one_time_tokens where user_id = $1 and token_type::text = any($2::text[])',
		[userId, types]
	);
}

/** True when the code was sent less than `expirySeconds` ago. */
export function fresh(sentAt: Date | string | null, expirySeconds: number): boolean {
	return sentAt !== null && new Date(sentAt).getTime() + expirySeconds * 1000 > Date.now();
}
