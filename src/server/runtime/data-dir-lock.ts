import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StartupError } from './startup-errors.js';

export const LOCK_FILE = 'duban.lock';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

/** Whether a process with this id runs on this machine (signal 0 checks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user — still a live owner.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `DATA_DIR/duban.lock` for this process: embedded PGlite is one process's database, and two
 * servers on one folder hand out the same ids and lose writes. A lock left by a process that no
 * longer runs (a crash, a power cut) is taken over. Returns the function that releases it.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o644);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') throw readOnlyDataDir(dataDir, e);
      if (code !== 'EEXIST') throw e;
      const owner = readLock(file);
      if (owner && owner.pid !== process.pid && owner.host === mine.host && alive(owner.pid)) {
        throw new StartupError({
          zh: `数据目录 ${path.resolve(dataDir)} 正被另一个督办进程使用（进程号 ${owner.pid}，${owner.startedAt} 启动）。`,
          en: `The data folder ${path.resolve(dataDir)} is in use by another Duban process (pid ${owner.pid}, started ${owner.startedAt}).`,
          hintZh: '内置数据库只能由一个进程打开。请先停止该进程，或为本实例设置另一个 DATA_DIR；多实例部署请使用 PostgreSQL（DATABASE_URL）。',
          hintEn: 'The embedded database can be opened by one process only. Stop that process or give this one another DATA_DIR; run several instances on PostgreSQL (DATABASE_URL).',
        });
      }
      // Stale: its process is gone (or the file is unreadable). Remove it and try again.
      try {
        unlinkSync(file);
      } catch {
        // Another starter removed it first; the next attempt decides.
      }
      continue;
    }
    writeSync(fd, JSON.stringify(mine));
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      try {
        if (readLock(file)?.pid === process.pid) unlinkSync(file);
      } catch {
        // Already gone.
      }
    };
    // Also on a hard exit (process.exit after a fatal error); a SIGKILL leaves it, and the next start takes it over.
    process.once('exit', release);
    return release;
  }
  throw new StartupError({
    zh: `无法取得数据目录锁 ${file}。`,
    en: `Could not take the data folder lock ${file}.`,
    hintZh: '请确认没有其他督办进程在启动，然后重试。',
    hintEn: 'Make sure no other Duban process is starting, then retry.',
  });
}

function readLock(file: string): LockInfo | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? (v as LockInfo) : null;
  } catch {
    return null;
  }
}

export function readOnlyDataDir(dataDir: string, cause: unknown) {
  return new StartupError({
    zh: `数据目录 ${path.resolve(dataDir)} 不可写（${(cause as Error).message}）。`,
    en: `The data folder ${path.resolve(dataDir)} is not writable (${(cause as Error).message}).`,
    hintZh: '请检查该目录的权限和所在磁盘（是否只读挂载、是否已满），使运行督办的用户可以写入；或用 DATA_DIR 指定另一个目录。',
    hintEn: 'Check the folder’s permissions and its disk (mounted read-only? full?) so that the user running Duban can write there, or point DATA_DIR elsewhere.',
    cause,
  });
}
