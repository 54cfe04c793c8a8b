import { describe, expect, it } from 'vitest';
import { foldVietnamese } from './search';

describe('foldVietnamese', () => {
	it('drops diacritics and folds đ', () => {
		expect(foldVietnamese('Phường Bến Thành')).toBe('phuong ben thanh');
		expect(foldVietnamese('Đặc khu Côn Đảo')).toBe('dac khu con dao');
		expect(foldVietnamese('Xã Bình Chánh')).toContain('binh chanh');
	});

	it('also folds text already written in precomposed form', () => {
		expect(foldVietnamese('Thủ Đức'.normalize('NFC'))).toBe('thu duc');
	});
});
