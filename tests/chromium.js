// Debian's Chromium and the flags it needs here (as root, on a machine with no outside network),
// shared by the Playwright e2e suite and the Lighthouse bench. Never a downloaded browser.
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
