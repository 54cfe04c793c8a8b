// Sign-in works as plain forms (tested without JavaScript); shipping none makes the first page
// a newcomer opens on a cheap phone fast. The code step is a new page, so the browser focuses it.
export const csr = false;
