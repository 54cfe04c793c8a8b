// The notice a badge award writes (keys and values from the database) reads in each person's language.
import { describe, expect, it } from 'vitest';
import { renderNotification } from '../push/payload';

const row = {
	id: 7,
	kind: 'badge_awarded',
	title: 'credentials.notice.title',
	body: 'credentials.notice.body',
	url: '/badges',
	params: { badge_vi: 'Buổi dạy đầu tiên', badge_en: 'First lesson', award_id: 3 },
	session_id: null
};

describe('badge notice', () => {
	it('names the badge in Vietnamese and in English', () => {
		expect(renderNotification({ ...row, locale: 'vi' }).title).toBe(
			'Huy hiệu mới: Buổi dạy đầu tiên'
		);
		const en = renderNotification({ ...row, locale: 'en' });
		expect(en.title).toBe('New badge: First lesson');
		expect(en.body).toContain('“First lesson”');
	});
});
