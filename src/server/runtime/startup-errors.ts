import path from 'node:path';

export interface StartupProblem {
  zh: string;
  en: string;
  hintZh: string;
  hintEn: string;
  cause?: unknown;
}

/** A start that cannot go on: what is wrong and what to do, in Chinese and English. */
export class StartupError extends Error {
  readonly problem: StartupProblem;
  constructor(p: StartupProblem) {
    super(`${p.zh} ${p.en}`, { cause: p.cause });
    this.problem = p;
  }
}

/** The lines printed to stderr before the process exits with code 1. */
export function formatStartupError(err: unknown, what = { zh: '督办启动失败', en: 'Duban could not start' }): string {
  if (err instanceof StartupError) {
    const p = err.problem;
    return [`${what.zh}：${p.zh}`, `  处理办法：${p.hintZh}`, `${what.en}: ${p.en}`, `  What to do: ${p.hintEn}`].join('\n');
  }
  const message = err instanceof Error ? err.message : String(err);
  return [
    `${what.zh}：${message}`,
    '  处理办法：请根据上面的信息检查配置；若无法判断原因，请将本段输出提供给运维人员。',
    `${what.en}: ${message}`,
    '  What to do: check the settings named above; if the cause is unclear, hand this output to operations.',
  ].join('\n');
}

/** Where the server was told to find PostgreSQL, without the password. */
export function describeUrl(url: string): { where: string; database: string } {
  try {
    const u = new URL(url);
    return { where: `${u.hostname}:${u.port || 5432}`, database: decodeURIComponent(u.pathname.replace(/^\//, '')) || '(默认)' };
  } catch {
    return { where: '(DATABASE_URL 无法解析)', database: '' };
  }
}

const codeOf = (err: unknown): string | undefined => {
  for (let e = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === 'string') return c;
    const inner = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(inner) && inner.length) return codeOf(inner[0]);
  }
  return undefined;
};

/**
 * Turns an error from opening or migrating the database into a StartupError that says what is
 * wrong and what to do. Unknown errors pass through unchanged.
 */
export function explainDatabaseError(err: unknown, ctx: { url?: string; dataDir?: string }): unknown {
  if (err instanceof StartupError) return err;
  const code = codeOf(err);
  const message = String((err as Error)?.message ?? err);
  if (ctx.url) {
    const { where, database } = describeUrl(ctx.url);
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || /timeout exceeded when trying to connect|Connection terminated/i.test(message)) {
      return new StartupError({
        zh: `无法连接数据库服务器 ${where}（${code ?? message}）。`,
        en: `Cannot reach the database server at ${where} (${code ?? message}).`,
        hintZh: '请确认 PostgreSQL 已启动并在该地址监听，防火墙允许连接，且 DATABASE_URL 中的主机和端口正确。',
        hintEn: 'Make sure PostgreSQL is running and listening there, that no firewall blocks it, and that DATABASE_URL names the right host and port.',
        cause: err,
      });
    }
    if (code === '3D000') {
      return new StartupError({
        zh: `数据库服务器 ${where} 上没有名为「${database}」的数据库。`,
        en: `The database server at ${where} has no database named "${database}".`,
        hintZh: `请先创建它（例如 createdb -h ${where.split(':')[0]} ${database}，或 psql -c 'create database ${database}'），或修改 DATABASE_URL。督办会在空数据库中自动建表。`,
        hintEn: `Create it first (e.g. createdb -h ${where.split(':')[0]} ${database}, or psql -c 'create database ${database}'), or correct DATABASE_URL. Duban creates its tables in an empty database by itself.`,
        cause: err,
      });
    }
    if (code === '28P01' || code === '28000') {
      return new StartupError({
        zh: `数据库服务器 ${where} 拒绝了登录（用户名或密码不正确，或不允许从本机连接）。`,
        en: `The database server at ${where} refused the login (wrong user or password, or this host is not allowed).`,
        hintZh: '请检查 DATABASE_URL 中的用户名和密码，以及服务器的 pg_hba.conf。',
        hintEn: 'Check the user and password in DATABASE_URL and the server’s pg_hba.conf.',
        cause: err,
      });
    }
    return err;
  }
  const dir = path.resolve(ctx.dataDir ?? './data');
  if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return new StartupError({
      zh: `数据目录 ${dir} 不可写（${code}）。`,
      en: `The data folder ${dir} is not writable (${code}).`,
      hintZh: '请检查该目录的权限和所在磁盘（是否只读挂载、是否已满），或用 DATA_DIR 指定另一个目录。',
      hintEn: 'Check the folder’s permissions and its disk (mounted read-only? full?), or point DATA_DIR elsewhere.',
      cause: err,
    });
  }
  // PGlite (PostgreSQL compiled to WebAssembly) reports a data folder it cannot use as a bare
  // "Aborted()" or a WebAssembly RuntimeError.
  if (/Aborted|failed to initiali[sz]e|RuntimeError|unreachable|PG_VERSION|pg_control|database files are incompatible|invalid|corrupt/i.test(message) || (err as Error)?.name === 'RuntimeError') {
    return new StartupError({
      zh: `数据目录 ${dir} 中的数据库文件已损坏或不是督办的数据库（${message.slice(0, 120)}）。`,
      en: `The database files in ${dir} are damaged or are not a Duban database (${message.slice(0, 120)}).`,
      hintZh: `请停止服务，将该目录改名保留（例如 mv ${dir} ${dir}.damaged），再用 npm run restore <备份文件> 恢复最近的备份；没有备份时，改名后重新启动会建立一个新的空数据库。`,
      hintEn: `Stop the server, move the folder aside (e.g. mv ${dir} ${dir}.damaged), then load the latest backup with npm run restore <backup file>; without a backup, a start after moving it creates a new, empty database.`,
      cause: err,
    });
  }
  return err;
}
