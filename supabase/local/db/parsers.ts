// One value shape on both adapters, so code above the Db never sees which one it runs on.
export const TYPE = {
	INT8: 20,
	INT8_ARRAY: 1016,
	DATE: 1082,
	TIMESTAMP: 1114
} as const;

/** int8 as a JS number (ids and counts stay far below 2^53 here), date/timestamp as text. */
export const parsers: Record<number, (value: string) => unknown> = {
	[TYPE.INT8]: (v) => Number(v),
	[TYPE.DATE]: (v) => v,
	[TYPE.TIMESTAMP]: (v) => v
};
