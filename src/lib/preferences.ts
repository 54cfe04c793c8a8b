// Display preferences that change the first paint: kept in cookies when signed out, in the profile when signed in.
export const TEXT_SIZES = ['normal', 'large', 'xlarge'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export interface DisplayPrefs {
	textSize: TextSize;
	highContrast: boolean;
}

export const DEFAULT_PREFS: DisplayPrefs = { textSize: 'normal', highContrast: false };
export const TEXT_SIZE_COOKIE = 'text_size';
export const CONTRAST_COOKIE = 'high_contrast';

export function isTextSize(value: unknown): value is TextSize {
	return typeof value === 'string' && (TEXT_SIZES as readonly string[]).includes(value);
}

/** Classes for `<html>`: the CSS scales the root font size and swaps the palette from these. */
export function htmlClass(prefs: DisplayPrefs): string {
	const classes: string[] = [];
	if (prefs.textSize !== 'normal') classes.push(`text-${prefs.textSize}`);
	if (prefs.highContrast) classes.push('high-contrast');
	return classes.join(' ');
}
