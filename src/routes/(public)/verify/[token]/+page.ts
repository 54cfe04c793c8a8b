// Plain reading: no JavaScript needed to check a badge.
export const csr = false;
