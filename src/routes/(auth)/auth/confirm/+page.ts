// A message and a link: no JavaScript needed.
export const csr = false;
