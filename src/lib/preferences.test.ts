import { describe, expect, it } from 'vitest';
import { htmlClass, isTextSize } from './preferences';

describe('display preferences', () => {
	it('become classes on <html>', () => {
		expect(htmlClass({ textSize: 'normal', highContrast: false })).toBe('');
		expect(htmlClass({ textSize: 'large', highContrast: false })).toBe('text-large');
		expect(htmlClass({ textSize: 'xlarge', highContrast: true })).toBe('text-xlarge high-contrast');
	});

	it('accept only the three text sizes', () => {
		expect(['normal', 'large', 'xlarge'].every(isTextSize)).toBe(true);
		expect(isTextSize('huge')).toBe(false);
		expect(isTextSize(undefined)).toBe(false);
	});
});
