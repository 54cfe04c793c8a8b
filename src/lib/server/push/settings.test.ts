import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { vapidKeysFrom, vapidPublicKeyFrom } from './settings';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('VAPID keys from settings', () => {
	it('are generated once on a first local run and kept in their file', () => {
		const dir = mkdtempSync(join(tmpdir(), 'vapid-'));
		dirs.push(dir);
		const file = join(dir, 'nested', 'vapid.json');
		const first = vapidKeysFrom({}, file);
		expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ publicKey: first.publicKey });
		expect(vapidKeysFrom({}, file).privateKey).toBe(first.privateKey);
		expect(vapidPublicKeyFrom({ VAPID_KEYS_FILE: file })).toBe(first.publicKey);
		expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
	});

	it('come from the environment in production, and are never invented there', () => {
		const env = { NODE_ENV: 'production', VAPID_PUBLIC_KEY: 'pub', VAPID_PRIVATE_KEY: 'priv' };
		expect(vapidKeysFrom(env, '/nonexistent/vapid.json').publicKey).toBe('pub');
		const dir = mkdtempSync(join(tmpdir(), 'vapid-'));
		dirs.push(dir);
		const none = join(dir, 'none.json');
		expect(() => vapidKeysFrom({ NODE_ENV: 'production' }, none)).toThrow(/must be set/);
		expect(vapidPublicKeyFrom({ NODE_ENV: 'production' }, none)).toBeNull();
	});
});
