// The bench's push service, run as its own process (see bench/push.ts) so that decrypting does not
// share the sender's event loop: makes N devices, answers "tally" with what it received.
import { readFileSync } from 'node:fs';
import { startPushService } from '../tests/push/push-service';

const service = await startPushService();
const devices = Array.from({ length: Number(process.argv[2] ?? 0) }, () => service.device());
process.send?.({
	origin: service.origin,
	ca: readFileSync(service.caFile, 'utf8'),
	devices: devices.map(({ endpoint, p256dh, auth }) => ({ endpoint, p256dh, auth })),
	cpu: process.cpuUsage()
});
process.on('message', (message) => {
	if (message === 'stop') {
		void service.close().then(() => process.exit(0));
		return;
	}
	let unique = 0;
	for (const box of service.mailbox.values()) unique += box.size;
	process.send?.({
		received: service.received.length,
		unique,
		rejected: service.rejected.length,
		cpu: process.cpuUsage()
	});
});
