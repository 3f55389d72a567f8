import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// BENCHMARKS.md is written by several scripts, each owning its "## " sections: a script replaces
// its own and keeps the others.

export const BENCHMARKS = path.resolve(import.meta.dirname, '..', 'BENCHMARKS.md');

/** Replaces the section that starts with `## ${heading}` (up to the next "## "), or appends it. */
export function writeSection(heading: string, body: string): void {
  const md = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : '# Benchmarks\n';
  const section = `## ${heading}\n${body.endsWith('\n') ? body : `${body}\n`}`;
  const start = md.indexOf(`\n## ${heading}`);
  let next: string;
  if (start < 0) next = `${md.trimEnd()}\n\n${section}`;
  else {
    const after = md.indexOf('\n## ', start + 4);
    next = `${md.slice(0, start + 1)}${section}${after < 0 ? '' : `\n${md.slice(after + 1)}`}`;
  }
  writeFileSync(BENCHMARKS, next.endsWith('\n') ? next : `${next}\n`);
}

/** The machine line every section carries. */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB memory, ${os.type()} ${os.release()} (${os.arch()}), Node.js ${process.version}`;
}
