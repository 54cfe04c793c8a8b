// `node --import tsx tests/e2e/build-payload.ts '<notification row as JSON>'` prints the push
// payload the worker would send for that outbox row. A separate tsx process because the message
// files are JSON imports, which Playwright's loader does not take without import attributes.
import { buildPayload, type OutboxNotification } from '../../src/lib/server/push/payload';

process.stdout.write(buildPayload(JSON.parse(process.argv[2] ?? '{}') as OutboxNotification));
