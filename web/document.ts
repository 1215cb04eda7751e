/**
 * A page component's output as a complete HTML document. Hono JSX renders elements only (and
 * may render asynchronously), so the doctype is added here, once for every page.
 */
export async function documentOf(node: unknown): Promise<string> {
  return `<!doctype html>${await String(node === null || node === undefined ? '' : (node as { toString(): string | Promise<string> }).toString())}`;
}
