// Line drawings for the skill and category icons. The database keeps an emoji per skill (the seed
// and coordinators write them), but headless Chromium and many cheap phones have no emoji font and
// draw a box, so pages draw these instead: 24 x 24, stroked with currentColor.

const circle = (cx: number, cy: number, r: number) =>
	`M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
const rect = (x: number, y: number, w: number, h: number) => `M${x} ${y}h${w}v${h}h${-w}z`;

const BUILDING = ['M3 21h18', 'M12 3l9 5H3z', 'M6 11v7', 'M10 11v7', 'M14 11v7', 'M18 11v7'];

/** Path data per emoji (variation selectors dropped). */
const ICONS: Readonly<Record<string, readonly string[]>> = {
	'📱': [rect(6, 2, 12, 20), 'M11 18h2'],
	'📶': ['M5 20v-3', 'M10 20v-7', 'M15 20V9', 'M20 20V4'],
	'💬': ['M4 5h16v11H10l-5 4v-4H4z', 'M8 9h8', 'M8 12h5'],
	'🔎': [circle(10, 10, 6), 'M15 15l6 6'],
	'💳': [rect(2, 5, 20, 14), 'M2 10h20', 'M6 15h4'],
	'🪪': [rect(3, 5, 18, 14), circle(9, 11, 2), 'M6 16c1-1.6 5-1.6 6 0', 'M14 10h4', 'M14 14h4'],
	'🏛': BUILDING,
	'🏦': [...BUILDING, 'M10 6h4'],
	'🏙': [
		rect(3, 9, 7, 12),
		rect(12, 3, 9, 18),
		'M15 7h3',
		'M15 11h3',
		'M15 15h3',
		'M6 13h1',
		'M6 17h1'
	],
	'🩺': [circle(12, 12, 9), 'M12 8v8', 'M8 12h8'],
	'🛵': [circle(6, 17, 3), circle(18, 17, 3), 'M9 17h6l3-8h2', 'M8 10h5'],
	'🛡': ['M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z', 'M9 12l2 2 4-4'],
	'👥': [
		circle(9, 8, 3),
		'M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6',
		circle(17, 9, 2.5),
		'M16.5 14c2.6.3 4.5 2.7 4.5 5.5'
	],
	'🤖': [
		rect(4, 8, 16, 12),
		'M12 8V5',
		circle(12, 4, 1),
		circle(9, 13, 1),
		circle(15, 13, 1),
		'M9 17h6'
	],
	'📘': ['M5 4h10a3 3 0 0 1 3 3v13H8a3 3 0 0 1-3-3z', 'M5 17a3 3 0 0 1 3-3h10']
};

/** The drawing for an emoji from the database; a book for one we have none for. */
export function skillIconPaths(icon: string | null | undefined): readonly string[] {
	const key = (icon ?? '').replace(/\uFE0F/g, '');
	return ICONS[key] ?? ICONS['📘']!;
}
