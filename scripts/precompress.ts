// Writes .br and .gz beside every compressible file of the built web app, once at build time, so
// that the server sends them as they are (@fastify/static preCompressed) instead of compressing on
// every request or sending them uncompressed.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../dist/web'));
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|ico|xml|webmanifest)$/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (COMPRESSIBLE.test(name)) yield p;
  }
}

let raw = 0;
let br = 0;
let count = 0;
for (const file of files(root)) {
  const buf = readFileSync(file);
  // Tiny files gain nothing and cost a header.
  if (buf.length < 1024) continue;
  const b = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } });
  const g = gzipSync(buf, { level: 9 });
  writeFileSync(`${file}.br`, b);
  writeFileSync(`${file}.gz`, g);
  raw += buf.length;
  br += b.length;
  count++;
}
console.log(`precompressed ${count} files in ${path.relative(process.cwd(), root) || '.'}: ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB brotli`);
