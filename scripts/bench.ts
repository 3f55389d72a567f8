// npm run bench — the login page's first-load JavaScript, gzipped, against its budget.
//
// Builds the web app with a Vite manifest into a temporary folder, follows index.html's entry
// chunk and its static imports (what the browser must load before the login page can render;
// lazy route chunks are not followed), gzips each file and adds them up. Writes BENCHMARKS.md with
// the command, the machine and the date in its own section of BENCHMARKS.md (the others are kept).
// Exits 1 when the budget is exceeded. Then scripts/bench-service.ts (production start: transferred
// bytes, one vs two instances). `npm run bench -- --scale` runs scripts/bench-scale.ts instead,
// `-- --service` only the production-start part.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeSection } from './bench-md.js';

if (process.argv.includes('--scale')) {
  await import('./bench-scale.js');
  process.exit(process.exitCode ?? 0);
}
// `npm run bench -- --service` runs only the production-start benchmarks (scripts/bench-service.ts).
if (process.argv.includes('--service')) {
  const { benchService } = await import('./bench-service.js');
  await benchService();
  process.exit(process.exitCode ?? 0);
}

const BUDGET_KB = 400;
const root = path.resolve(import.meta.dirname, '..');

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const kb = (bytes: number) => bytes / 1024;
const fmt = (bytes: number) => `${kb(bytes).toFixed(1)} KB`;

const outDir = mkdtempSync(path.join(os.tmpdir(), 'duban-bench-'));
try {
  const started = Date.now();
  const build = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status})`);
  const buildSeconds = (Date.now() - started) / 1000;

  const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry && k.endsWith('index.html'));
  if (!entryKey) throw new Error('no index.html entry in the Vite manifest');

  // The entry and everything it imports statically, transitively: the login route's first load.
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const k of manifest[key]!.imports ?? []) walk(k);
  };
  walk(entryKey);

  // Cross-check with index.html: every script and modulepreload it names must be in the set.
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const named = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const files = [...seen].map((k) => manifest[k]!.file);
  const missing = named.filter((f) => !files.includes(f));
  if (missing.length) throw new Error(`index.html loads files the manifest walk missed: ${missing.join(', ')}`);

  const rows = files
    .map((file) => {
      const buf = readFileSync(path.join(outDir, file));
      return { file, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const total = rows.reduce((a, r) => a + r.gzip, 0);
  const totalRaw = rows.reduce((a, r) => a + r.raw, 0);

  // ECharts must stay out of the first load: find the chunk that carries it and check it is lazy.
  const echartsChunks = Object.values(manifest)
    .map((c) => c.file)
    .filter((f) => f.endsWith('.js') && /Apache ECharts|echarts|__ec_/.test(readFileSync(path.join(outDir, f), 'utf8')));
  const echartsInFirstLoad = echartsChunks.filter((f) => files.includes(f));

  const lazy = Object.values(manifest).filter((c) => c.file.endsWith('.js') && !files.includes(c.file));
  const largestLazy = lazy
    .map((c) => ({ file: c.file, gzip: gzipSync(readFileSync(path.join(outDir, c.file)), { level: 9 }).length }))
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, 5);

  const cpus = os.cpus();
  const machine = {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
  };
  const date = new Date().toISOString();
  const ok = kb(total) <= BUDGET_KB && echartsInFirstLoad.length === 0;

  const md = `
What the browser must download before the login page can render: \`index.html\`'s entry chunk and
every chunk it imports statically (followed through the Vite build manifest and checked against the
\`<script>\` and \`<link rel="modulepreload">\` tags of \`index.html\`). Lazy route chunks are not counted.
Each file is gzipped on its own (level 9), as a server would send it.

| | |
| --- | --- |
| command | \`npm run bench\` (\`tsx scripts/bench.ts\`) |
| date | ${date} |
| machine | ${machine.cpu}, ${machine.cores} cores, ${machine.memory} memory, ${machine.os} |
| Node.js | ${machine.node} |
| build time | ${buildSeconds.toFixed(1)} s |
| **first-load JS (gzip)** | **${fmt(total)}** (${fmt(totalRaw)} before gzip) |
| budget | ${BUDGET_KB} KB — ${ok ? '**within budget**' : '**OVER BUDGET**'} |
| ECharts in the first load | ${echartsInFirstLoad.length ? `**yes**: ${echartsInFirstLoad.join(', ')}` : `no (lazy: ${echartsChunks.join(', ') || 'not found'})`} |

### Files of the first load

| file | raw | gzip |
| --- | ---: | ---: |
${rows.map((r) => `| \`${r.file}\` | ${fmt(r.raw)} | ${fmt(r.gzip)} |`).join('\n')}
| **total** | **${fmt(totalRaw)}** | **${fmt(total)}** |

### Largest lazy chunks (not in the first load)

| file | gzip |
| --- | ---: |
${largestLazy.map((r) => `| \`${r.file}\` | ${fmt(r.gzip)} |`).join('\n')}
`;
  writeSection('Login page first-load JavaScript', md);
  console.log(`login first-load JS: ${fmt(total)} gzip (${rows.length} files), budget ${BUDGET_KB} KB → ${ok ? 'OK' : 'OVER'}`);
  if (echartsInFirstLoad.length) console.log(`echarts found in the first load: ${echartsInFirstLoad.join(', ')}`);
  console.log('wrote BENCHMARKS.md');
  if (!ok) process.exitCode = 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

// Then the production start: transferred bytes of the login page and the portal, and throughput
// of one instance against two (needs PostgreSQL; skipped with a message when there is none).
const { benchService } = await import('./bench-service.js');
await benchService();
