import { registerHooks } from 'node:module';

/**
 * Start-up: Node re-reads a package's package.json while resolving each file it imports.
 * drizzle-orm's is 179 kB with ~450 export entries and pg-core is hundreds of files, so a plain
 * import cost ~0.55 s and ~200 MB of garbage on every CLI call. Its internal imports are
 * relative `.js` ESM paths, so they are resolved directly. Entry points load this first.
 */
registerHooks({
  resolve(specifier, context, next) {
    const parent = context.parentURL;
    if (parent?.includes('/node_modules/drizzle-orm/') && /^\.\.?\//.test(specifier) && specifier.endsWith('.js')) {
      return { url: new URL(specifier, parent).href, format: 'module', shortCircuit: true };
    }
    return next(specifier, context);
  },
});
