// A lesson cancelled by a suspension (or a block) tells the learner, in her language, that it
// cannot take place, never why: the database writes the neutral code 'unavailable'.
import { describe, expect, it } from 'vitest';
import { renderNotification } from '../push/payload';

const row = {
	id: 9,
	kind: 'session_cancelled',
	title: 'notify.session_cancelled.title',
	body: 'notify.session_cancelled.body',
	url: '/lessons/4',
	params: {
		skill_vi: 'Dùng VNeID',
		skill_en: 'Using VNeID',
		starts_at: '2026-12-05T02:30:00Z',
		reason: 'unavailable'
	},
	session_id: 4
};

describe('the neutral cancellation notice', () => {
	it('says the lesson cannot take place, in Vietnamese', () => {
		const vi = renderNotification({ ...row, locale: 'vi' });
		expect(vi.title).toBe('Buổi học đã huỷ: Dùng VNeID');
		expect(vi.body).toContain('Lý do: buổi học không thể diễn ra như đã hẹn');
		expect(vi.body).not.toContain('unavailable');
	});

	it('and in English', () => {
		const en = renderNotification({ ...row, locale: 'en' });
		expect(en.body).toContain('the lesson can no longer take place as planned');
		expect(en.body).not.toContain('unavailable');
	});

	it('keeps a reason a person typed as it is', () => {
		const typed = renderNotification({
			...row,
			locale: 'en',
			params: { ...row.params, reason: 'Nhà văn hóa mất điện' }
		});
		expect(typed.body).toContain('Nhà văn hóa mất điện');
	});
});
