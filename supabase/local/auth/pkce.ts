// PKCE flow state (auth.flow_state): created on signup/otp with a code challenge, exchanged once.
import { createHash, randomUUID } from 'node:crypto';
import type { Tx } from '../types';
import { badRequest, notFound, validationFailed } from './errors';

const FLOW_STATE_TTL_MS = 300_000;

export interface Challenge {
	challenge: string;
	method: 's256' | 'plain';
}

/** Validates `code_challenge`/`code_challenge_method` as GoTrue; undefined when not PKCE. */
export function readChallenge(challenge: string, method: string): Challenge | undefined {
	if (!challenge && !method) return undefined;
	if (!challenge || !method) {
		throw validationFailed('PKCE flow requires code_challenge_method and code_challenge');
	}
	const m = method.toLowerCase();
	if (m !== 's256' && m !== 'plain') {
		throw validationFailed(`code challenge method not supported: ${method}`);
	}
	if (challenge.length < 43 || challenge.length > 128) {
		throw validationFailed('code challenge has to be between 43 and 128 characters');
	}
	return { challenge, method: m };
}

export async function createFlowState(
	tx: Tx,
	userId: string,
	c: Challenge,
	providerType: string,
	authMethod: string
): Promise<string> {
	const authCode = randomUUID();
	await tx.query(
		`insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge,
			provider_type, created_at, updated_at, authentication_method)
		values ($1, $2, $3, $4::auth.code_challenge_method, $5, $6, now(), now(), $7)`,
		[randomUUID(), userId, authCode, c.method, c.challenge, providerType, authMethod]
	);
	return authCode;
}

/** Latest flow state of a user, refreshed with a new auth code for a redirect. */
export async function issueAuthCode(tx: Tx, userId: string): Promise<string | undefined> {
	const { rows } = await tx.query<{ id: string }>(
		'select id from auth.flow_state where user_id = $1 order by created_at desc limit 1',
		[userId]
	);
	if (!rows[0]) return undefined;
	const code = randomUUID();
	await tx.query(
		'update auth.flow_state set auth_code = $2, auth_code_issued_at = now(), updated_at = now() where id = $1',
		[rows[0].id, code]
	);
	return code;
}

/** grant_type=pkce: checks the verifier and consumes the flow state; returns user and method. */
export async function exchangeAuthCode(
	tx: Tx,
	authCode: string,
	verifier: string
): Promise<{ userId: string; method: string }> {
	if (!authCode || !verifier) {
		throw validationFailed('invalid request: both auth code and code verifier should be non-empty');
	}
	const { rows } = await tx.query<{
		id: string;
		user_id: string | null;
		code_challenge: string;
		code_challenge_method: string;
		created_at: Date | string;
		auth_code_issued_at: Date | string | null;
		authentication_method: string;
	}>('select * from auth.flow_state where auth_code = $1 for update', [authCode]);
	const flow = rows[0];
	if (!flow || !flow.user_id) {
		throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found');
	}
	const issued = new Date(flow.auth_code_issued_at ?? flow.created_at).getTime();
	if (issued + FLOW_STATE_TTL_MS < Date.now()) {
		throw badRequest('flow_state_expired', 'invalid flow state, flow state has expired');
	}
	const computed =
		flow.code_challenge_method === 's256'
			? createHash('sha256').update(verifier).digest('base64url')
			: verifier;
	if (computed !== flow.code_challenge) {
		throw badRequest(
			'bad_code_verifier',
			'code challenge does not match previously saved code verifier'
		);
	}
	await tx.query('delete from auth.flow_state where id = $1', [flow.id]);
	return { userId: flow.user_id, method: flow.authentication_method };
}
