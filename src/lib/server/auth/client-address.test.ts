import { describe, expect, it } from 'vitest';
import { cleanAddress, clientAddressHeaders } from './client-address';

describe('clientAddressHeaders', () => {
	it('forwards the address the request came from', () => {
		expect(clientAddressHeaders({ getClientAddress: () => '203.0.113.7' })).toEqual({
			'X-Forwarded-For': '203.0.113.7'
		});
		expect(clientAddressHeaders({ getClientAddress: () => '::ffff:10.0.0.5' })).toEqual({
			'X-Forwarded-For': '10.0.0.5'
		});
		expect(clientAddressHeaders({ getClientAddress: () => '2001:DB8::1' })).toEqual({
			'X-Forwarded-For': '2001:db8::1'
		});
	});

	it('sends nothing when there is no address or it is not one', () => {
		const none = () => {
			throw new Error('no address during prerendering');
		};
		expect(clientAddressHeaders({ getClientAddress: none })).toEqual({});
		for (const raw of ['', 'localhost', '1.2.3.4, 5.6.7.8', '1.2.3.4\r\nX-Evil: 1', 'a:b:zz']) {
			expect(cleanAddress(raw)).toBe('');
		}
	});
});
