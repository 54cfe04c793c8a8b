// The home page is plain reading with links and plain forms: shipping no JavaScript makes it
// open fast on a cheap phone. Every link and the language switch work as ordinary navigations.
export const csr = false;
