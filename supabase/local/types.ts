// The seams between the parts of the local Supabase server: core (boot, HTTP, DB), REST and Auth.

/** Result of one statement, the same shape on PGlite and node-postgres. */
export interface QueryResult<T = Record<string, unknown>> {
	rows: T[];
	fields: { name: string; dataTypeID: number }[];
	/** Rows inserted/updated/deleted, when the statement reports it. */
	affectedRows: number;
}

/** A client inside one open transaction. */
export interface Tx {
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

/** One connection for a caller that runs its own BEGIN … COMMIT, to save round trips. */
export interface Session extends Tx {
	/** Statements without parameters, sent as one simple-protocol message; a result per statement. */
	batch(sql: string): Promise<QueryResult[]>;
	/**
	 * What opens a transaction here, to start a batch with: `BEGIN [READ ONLY]`, plus on PostgreSQL
	 * `SET LOCAL statement_timeout` (PGlite enforces the budget outside the database instead).
	 */
	begin(readOnly: boolean): string;
}

export interface TransactionOptions {
	/**
	 * Time budget of each statement, in ms (0 = none; default: the server's, 8000). PostgreSQL:
	 * `SET LOCAL statement_timeout`. PGlite: the worker running it is killed and restarted from
	 * its data directory; the statement fails with 57014 as on PostgreSQL.
	 */
	statementTimeoutMs?: number;
}

/**
 * The database. On PGlite every transaction is serialised (one at a time, in arrival order) and
 * runs in a worker thread under a time budget; on PostgreSQL each transaction takes a pooled
 * connection and gets `statement_timeout`.
 * Connections are the superuser; REST lowers privileges with `SET LOCAL ROLE` inside the transaction.
 */
export interface Db {
	readonly kind: 'pglite' | 'postgres';
	/**
	 * BEGIN; fn(tx); COMMIT, or ROLLBACK and rethrow if fn throws.
	 * `statementTimeoutMs` (default 8000, 0 = none) bounds each statement.
	 */
	transaction<T>(fn: (tx: Tx) => Promise<T>, opts?: TransactionOptions): Promise<T>;
	/**
	 * A connection (PGlite: the queue's turn) for `fn`, which opens and ends its own transaction;
	 * if `fn` throws, the adapter sends ROLLBACK before releasing the connection.
	 */
	session<T>(fn: (s: Session) => Promise<T>, opts?: TransactionOptions): Promise<T>;
	/** One statement outside an explicit transaction (autocommit). */
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
	/** Several statements without parameters (SQL files). */
	exec(sql: string): Promise<void>;
	/** LISTEN channel; the callback gets each payload. Returns an unlisten function. */
	listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

/** What `supabase/config.toml` says, with the defaults of `supabase init` filled in. */
export interface LocalConfig {
	projectId: string;
	api: {
		port: number;
		schemas: string[];
		extraSearchPath: string[];
		maxRows: number;
	};
	auth: {
		siteUrl: string;
		additionalRedirectUrls: string[];
		jwtExpiry: number;
		enableSignup: boolean;
		enableRefreshTokenRotation: boolean;
		refreshTokenReuseInterval: number;
		minimumPasswordLength: number;
		email: {
			enableSignup: boolean;
			enableConfirmations: boolean;
			otpLength: number;
			otpExpiry: number;
			maxFrequency: number;
			/** `double_confirm_changes`: an e-mail change is confirmed at both addresses. */
			doubleConfirmChanges: boolean;
			/** `secure_password_change`: a password change needs a fresh session or a nonce. */
			securePasswordChange: boolean;
		};
		sms: {
			enableSignup: boolean;
			enableConfirmations: boolean;
			otpLength: number;
			otpExpiry: number;
			maxFrequency: number;
			/** Go template with `{{ .Code }}`, as GoTrue renders it. */
			template: string;
		};
		/**
		 * GoTrue's GOTRUE_RATE_LIMIT_HEADER: per-address limits key on the first value of this
		 * header ('' = the socket address only). Not a config.toml key (the CLI refuses unknown
		 * keys): environment only.
		 */
		rateLimitHeader: string;
		/** Limits GoTrue lacks (environment only; see auth/README.md). 0 = off. */
		recipientLimits: {
			/** Wrong codes per sent code before it is void (supabase/auth#2819's proposal). */
			maxAttempts: number;
			/** Codes sent to one phone number or address per hour, and per day. */
			sendsPerHour: number;
			sendsPerDay: number;
		};
		rateLimit: {
			emailSent: number;
			smsSent: number;
			tokenRefresh: number;
			signInSignUps: number;
			tokenVerifications: number;
		};
	};
}

/** Keys and secret, the defaults of `supabase start`. */
export interface Keys {
	jwtSecret: string;
	anonKey: string;
	serviceRoleKey: string;
}

/** A request as the handlers see it: already read, path relative to the service prefix. */
export interface LocalRequest {
	method: string;
	/** Path after `/rest/v1` or `/auth/v1`, starting with `/` (e.g. `/profiles`, `/token`). */
	path: string;
	query: URLSearchParams;
	/** The path as it arrived, still percent-encoded (services that route on raw segments). */
	rawPath?: string;
	/** The query string as it arrived (`?a=b`, or empty), for services that decode strictly. */
	rawQuery?: string;
	/** Lower-cased header names. */
	headers: Record<string, string>;
	/** Raw body, at most the server's body limit (larger requests are refused with 413 before). */
	body: Buffer;
	/** Client address, for rate limits. */
	ip: string;
}

export interface LocalResponse {
	status: number;
	headers?: Record<string, string>;
	/** Serialised as JSON with content-type application/json unless `body` is given. */
	json?: unknown;
	body?: string | Buffer;
}

/** Everything a handler needs from the core. */
export interface ServerContext {
	db: Db;
	config: LocalConfig;
	keys: Keys;
	/** The public URL of this server, e.g. http://127.0.0.1:54321 */
	apiUrl: string;
}

/** A service mounted under a path prefix by the core HTTP server. */
export interface Service {
	handle(req: LocalRequest): Promise<LocalResponse>;
}
