// Compiles the server for the production start (`node dist/server/main.js`): one ES module bundle
// of our code per entry (the server, backup, restore), with packages left in node_modules, and the
// migrations beside it (db/client.ts finds them next to the code that runs).
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
// An argument names another folder (the tests build their own copy, inside the repository so that
// node_modules is found from it).
const outdir = path.resolve(root, process.argv[2] ?? 'dist/server');
rmSync(outdir, { recursive: true, force: true });
const started = Date.now();
await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/server/main.ts', backup: 'scripts/backup.ts', restore: 'scripts/restore.ts' },
  outdir,
  bundle: true,
  splitting: true,
  // Chunks in the same folder as the entries: import.meta.url then names dist/server in all of them.
  chunkNames: '[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
cpSync(path.join(root, 'src/server/db/migrations'), path.join(outdir, 'migrations'), { recursive: true });
// The demo's imported past session (seed/office.ts reads it next to the code that runs).
cpSync(path.join(root, 'src/server/seed/fixtures'), path.join(outdir, 'fixtures'), { recursive: true });
console.log(`server built into ${path.relative(root, outdir)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
