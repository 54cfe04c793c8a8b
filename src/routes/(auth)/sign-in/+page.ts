// Sign-in works as plain forms, each answering with a redirect (tested without JavaScript);
// shipping none makes the first page a newcomer opens on a cheap phone fast. The code step is a
// page of its own (`?step=code`), so the browser focuses its one field.
export const csr = false;
