// PGlite in a worker thread, driven by messages from db/pglite.ts. Plain JavaScript on purpose:
// a Worker gets no TypeScript loader under vitest, and this file must start the same way under
// tsx, vitest and node. The main thread owns the queue and the time budget; this side only runs
// what it is sent, one message at a time, and can be killed mid-statement (worker.terminate()).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** Same table as db/parsers.ts (a worker cannot receive functions): int8 as number, dates as text. */
const parsers = {
	20: (v) => Number(v),
	1082: (v) => v,
	1114: (v) => v
};

async function loadExtensions(names) {
	const out = {};
	for (const name of names) {
		const id = name.replace('-', '_');
		const mod = await import(`@electric-sql/pglite/contrib/${id}`);
		if (!mod[id]) throw new Error(`PGlite has no extension ${name}`);
		out[id] = mod[id];
	}
	return out;
}

const toResult = (r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows ?? 0 });

/** PGlite's DatabaseError as a plain object (own fields: code, detail, hint, position, …). */
function toPlainError(err) {
	const out = { message: String(err?.message ?? err), name: err?.name ?? 'Error' };
	if (err && typeof err === 'object') {
		for (const [k, v] of Object.entries(err)) {
			if (typeof v === 'string' || typeof v === 'number') out[k] = v;
		}
	}
	return out;
}

const { dataDir, extensions, loadDataDir, pgliteWasmModule } = workerData;
const unlisten = new Map();

async function start() {
	const pg = await PGlite.create({
		dataDir,
		parsers,
		// Compiled once by the main thread: a restarted worker reuses the machine code.
		pgliteWasmModule,
		loadDataDir: loadDataDir ? new Blob([loadDataDir]) : undefined,
		extensions: await loadExtensions(extensions)
	});
	// The first statement of a new backend loads its catalog caches: not on a caller's budget.
	await pg.query('select 1');
	return pg;
}

async function handle(pg, msg) {
	switch (msg.op) {
		case 'query':
			return toResult(await pg.query(msg.sql, msg.params));
		case 'batch':
			return (await pg.exec(msg.sql)).map(toResult);
		case 'dump': {
			const blob = await pg.dumpDataDir('none');
			return await blob.arrayBuffer();
		}
		case 'listen': {
			if (!unlisten.has(msg.channel)) {
				const stop = await pg.listen(msg.channel, (payload) =>
					parentPort.postMessage({ notify: msg.channel, payload })
				);
				unlisten.set(msg.channel, stop);
			}
			return null;
		}
		case 'unlisten': {
			const stop = unlisten.get(msg.channel);
			unlisten.delete(msg.channel);
			if (stop) await stop();
			return null;
		}
		case 'close':
			await pg.close();
			return null;
		default:
			throw new Error(`unknown op ${msg.op}`);
	}
}

try {
	const pg = await start();
	parentPort.on('message', (msg) => {
		handle(pg, msg).then(
			(result) =>
				parentPort.postMessage(
					{ id: msg.id, ok: true, result },
					result instanceof ArrayBuffer ? [result] : []
				),
			(err) => parentPort.postMessage({ id: msg.id, ok: false, error: toPlainError(err) })
		);
	});
	parentPort.postMessage({ ready: true });
} catch (err) {
	parentPort.postMessage({ ready: false, error: toPlainError(err) });
}
