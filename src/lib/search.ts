/** Lower-case without Vietnamese diacritics, đ → d: "Phường Bến Thành" matches "phuong ben thanh". */
export function foldVietnamese(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.toLowerCase();
}
