import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { negotiateMedia } from './media';
import { parsePrefer } from './negotiate';

const TZ = new Set(['Asia/Ho_Chi_Minh', 'UTC']);

function refusal(fn: () => unknown): ApiError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(ApiError);
		return e as ApiError;
	}
	throw new Error('expected an ApiError');
}

describe('parsePrefer', () => {
	it('reads the preferences it honours and lists them in PostgREST order', () => {
		const p = parsePrefer('return=representation, count=exact,missing=default');
		expect(p.return).toBe('representation');
		expect(p.count).toBe('exact');
		expect(p.missing).toBe('default');
		expect(p.applied).toEqual(['missing=default', 'return=representation', 'count=exact']);
	});

	it('ignores unknown values leniently, as PostgREST does by default', () => {
		const p = parsePrefer(
			'return=everything, handling=lenient, max-affected=1, timezone=Mars/Base'
		);
		expect(p.return).toBeNull();
		expect(p.timezone).toBeNull();
		expect(p.applied).toEqual(['handling=lenient']);
	});

	it('refuses unknown preferences under handling=strict with PGRST122', () => {
		const err = refusal(() => parsePrefer('handling=strict, foo, bar', TZ));
		expect(err.status).toBe(400);
		expect(err.body()).toEqual({
			code: 'PGRST122',
			message: 'Invalid preferences given with handling=strict',
			details: 'Invalid preferences: foo, bar',
			hint: null
		});
		const tz = refusal(() => parsePrefer('handling=strict, timezone=Invalid/Timezone', TZ));
		expect(tz.body().details).toBe('Invalid preferences: timezone=Invalid/Timezone');
	});

	it('accepts a known time zone and a strict max-affected', () => {
		const p = parsePrefer('handling=strict, timezone=Asia/Ho_Chi_Minh, max-affected=10', TZ);
		expect(p.timezone).toBe('Asia/Ho_Chi_Minh');
		expect(p.maxAffected).toBe(10);
		expect(p.applied).toEqual(['handling=strict', 'timezone=Asia/Ho_Chi_Minh', 'max-affected=10']);
	});

	it('keeps the first occurrence of a preference', () => {
		expect(parsePrefer('tx=commit, tx=rollback').tx).toBe('commit');
	});
});

describe('negotiateMedia', () => {
	it('knows the nulls=stripped vendor types', () => {
		expect(negotiateMedia('application/vnd.pgrst.array+json;nulls=stripped')).toEqual({
			media: 'json',
			stripped: true
		});
		expect(negotiateMedia('application/vnd.pgrst.object+json; nulls=stripped')).toEqual({
			media: 'object',
			stripped: true
		});
		expect(negotiateMedia('application/vnd.pgrst.array+json')).toEqual({
			media: 'json',
			stripped: false
		});
		expect(refusal(() => negotiateMedia('image/png')).body().code).toBe('PGRST107');
	});
});
