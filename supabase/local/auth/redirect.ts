// GoTrue's IsRedirectURLValid (internal/utilities/request.go) and its allow-list globs
// (github.com/gobwas/glob compiled with separators '.' and '/', as conf.go does).

/** gobwas/glob → RegExp: `*` stays within one label or path segment, `**` crosses them. */
export function globToRegExp(pattern: string): RegExp {
	let i = 0;
	const SEP = '[^./]';
	function parse(inBraces: boolean): string {
		let out = '';
		while (i < pattern.length) {
			const c = pattern[i] as string;
			if (inBraces && (c === ',' || c === '}')) return out;
			i++;
			if (c === '\\' && i < pattern.length) {
				out += escape(pattern[i++] as string);
			} else if (c === '*') {
				if (pattern[i] === '*') {
					while (pattern[i] === '*') i++;
					out += '[\\s\\S]*';
				} else out += `${SEP}*`;
			} else if (c === '?') {
				out += SEP;
			} else if (c === '[') {
				const end = pattern.indexOf(']', i);
				if (end < 0) throw new Error(`unclosed [ in redirect pattern ${pattern}`);
				let body = pattern.slice(i, end);
				i = end + 1;
				const negate = body.startsWith('!');
				if (negate) body = body.slice(1);
				out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
			} else if (c === '{') {
				const alternatives: string[] = [];
				for (;;) {
					alternatives.push(parse(true));
					const sep = pattern[i++];
					if (sep === '}') break;
					if (sep !== ',') throw new Error(`unclosed { in redirect pattern ${pattern}`);
				}
				out += `(?:${alternatives.join('|')})`;
			} else {
				out += escape(c);
			}
		}
		return out;
	}
	return new RegExp(`^${parse(false)}$`);
}

function escape(c: string): string {
	return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const compiled = new Map<string, RegExp | null>();

function matcher(pattern: string): RegExp | null {
	if (!compiled.has(pattern)) {
		try {
			compiled.set(pattern, globToRegExp(pattern));
		} catch {
			// GoTrue's MustCompile would refuse to start; here the entry simply matches nothing.
			compiled.set(pattern, null);
		}
	}
	return compiled.get(pattern) ?? null;
}

const DECIMAL_IP = /^[0-9]+$/;
const REGULAR_HOSTNAME = /^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/;

/** Scheme, host and port as Go's url.Parse leaves them (no IP or case normalisation). */
function goUrl(raw: string): { scheme: string; host: string; port: string } | null {
	const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s.exec(raw);
	if (!m) return null;
	const scheme = (m[1] as string).toLowerCase();
	const rest = m[2] as string;
	if (!rest.startsWith('//')) return { scheme, host: '', port: '' };
	let authority = rest.slice(2).split(/[/?#]/)[0] ?? '';
	authority = authority.slice(authority.lastIndexOf('@') + 1);
	const v6 = /^\[([^\]]*)\](?::(\d*))?$/.exec(authority);
	if (v6) return { scheme, host: v6[1] as string, port: v6[2] ?? '' };
	const hp = /^([^:]*)(?::(\d*))?$/.exec(authority);
	if (!hp) return null;
	return { scheme, host: hp[1] as string, port: hp[2] ?? '' };
}

function ipLiteral(host: string): 'loopback' | 'other' | null {
	const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
	if (v4) {
		if (v4.slice(1).some((o) => Number(o) > 255)) return null;
		return v4[1] === '127' ? 'loopback' : 'other';
	}
	if (/^[0-9a-f:.]+$/i.test(host) && host.includes(':')) {
		return /^(0{0,4}:){2,7}0{0,3}1$|^::1$/i.test(host) ? 'loopback' : 'other';
	}
	return null;
}

function isLocalhost(host: string): boolean {
	return host === 'localhost' || ipLiteral(host) === 'loopback';
}

/**
 * Whether `redirectURL` may be redirected to: the site (same scheme and host, any port on
 * loopback), any loopback IP address, or a match of an allow-list glob (fragment removed).
 */
export function isRedirectUrlValid(
	auth: { siteUrl: string; additionalRedirectUrls: string[] },
	redirectURL: string
): boolean {
	if (!redirectURL) return false;
	// Control characters and spaces: never valid, and browsers strip some of them.
	if ([...redirectURL].some((ch) => ch.charCodeAt(0) <= 0x20 || ch.charCodeAt(0) === 0x7f)) {
		return false;
	}
	const base = goUrl(auth.siteUrl);
	if (!base) return false;
	let ref = goUrl(redirectURL);
	if (ref) {
		try {
			new URL(redirectURL);
		} catch {
			ref = null;
		}
	}
	if (!ref) {
		// Only custom schemes may still match the allow list; a broken http(s) URL may not.
		const lower = redirectURL.toLowerCase();
		if (lower.startsWith('http:') || lower.startsWith('https:')) return false;
	}
	if (ref) {
		if (
			ref.host === base.host &&
			ref.scheme === base.scheme &&
			(ref.port === base.port || isLocalhost(ref.host))
		) {
			return true;
		}
		const isHttp = ref.scheme === 'http' || ref.scheme === 'https';
		if (DECIMAL_IP.test(ref.host)) return false;
		const ip = ipLiteral(ref.host);
		if (ip) return ip === 'loopback';
		if (isHttp && !REGULAR_HOSTNAME.test(ref.host)) return false;
	}
	const withoutFragment = redirectURL.split('#')[0] ?? '';
	return auth.additionalRedirectUrls.some((p) => matcher(p)?.test(withoutFragment) ?? false);
}
