import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { parsePrefer } from './negotiate';

describe('parsePrefer', () => {
	it('reads the preferences it honours and lists them as applied', () => {
		const p = parsePrefer('return=representation, count=exact,missing=default');
		expect(p.return).toBe('representation');
		expect(p.count).toBe('exact');
		expect(p.missing).toBe('default');
		expect(p.applied).toEqual(['return=representation', 'count=exact', 'missing=default']);
	});

	it('ignores unknown values leniently, as PostgREST does by default', () => {
		expect(parsePrefer('return=everything, handling=lenient').return).toBeNull();
	});

	it.each(['max-affected=1', 'timezone=Asia/Ho_Chi_Minh', 'handling=strict'])(
		'refuses %s with PGRST127 instead of silently ignoring it',
		(header) => {
			try {
				parsePrefer(header);
				expect.unreachable();
			} catch (e) {
				expect(e).toBeInstanceOf(ApiError);
				const err = e as ApiError;
				expect(err.status).toBe(400);
				expect(err.body()).toMatchObject({
					code: 'PGRST127',
					message: `Feature not supported by the local server: Prefer: ${header}`
				});
			}
		}
	);
});
