import { sm3 } from './gm.js';

// The secrets the server needs, all from the environment:
// - AUDIT_HMAC_KEY: keys the HMAC-SM3 chain of the audit log (at least 32 characters);
// - DATA_KEY_ID and DATA_KEY_<id>: the SM4 key (32 hex digits) new values are encrypted with;
//   older DATA_KEY_<id> stay set until `npm run data:rekey` has re-encrypted what they wrote;
// - DATA_INDEX_KEY: keys the SM3 blind index that finds a phone number without decrypting.
// Demo mode has fixed, published defaults so that `npm start` works anywhere; production mode
// (config.ts) refuses to start without real ones.

export interface Keys {
  auditHmac: Buffer;
  dataKeyId: string;
  dataKeys: ReadonlyMap<string, Buffer>;
  indexKey: Buffer;
  /** True when some key is the published demo default. */
  demo: boolean;
}

const DEMO_AUDIT_KEY = 'duban-demo-audit-hmac-key-not-for-production';
const DEMO_DATA_KEY_ID = 'demo';
const DEMO_DATA_KEY = sm3('duban-demo-data-key-not-for-production').subarray(0, 16);
const DEMO_INDEX_KEY = 'duban-demo-blind-index-key-not-for-production';
const KEY_ID = /^[A-Za-z0-9]{1,16}$/;

export function loadKeys(env: NodeJS.ProcessEnv, production: boolean): Keys {
  const problems: string[] = [];
  const secret = (name: string, demo: string): Buffer => {
    const v = env[name];
    if (v === undefined || v === '') {
      if (production) problems.push(`缺少 ${name}`);
      return Buffer.from(demo);
    }
    if (v.length < 32) problems.push(`${name} 至少32个字符`);
    if (v === demo) problems.push(`${name} 不能使用演示默认值`);
    return Buffer.from(v);
  };
  const auditHmac = secret('AUDIT_HMAC_KEY', DEMO_AUDIT_KEY);
  const indexKey = secret('DATA_INDEX_KEY', DEMO_INDEX_KEY);

  const dataKeys = new Map<string, Buffer>();
  for (const [name, value] of Object.entries(env)) {
    const m = /^DATA_KEY_(.+)$/.exec(name);
    if (!m || m[1] === 'ID' || value === undefined) continue;
    if (!KEY_ID.test(m[1]!)) problems.push(`${name}：密钥编号只能是1到16位字母或数字`);
    else if (!/^[0-9a-fA-F]{32}$/.test(value)) problems.push(`${name} 应为32位十六进制（128位 SM4 密钥）`);
    else dataKeys.set(m[1]!, Buffer.from(value, 'hex'));
  }
  let dataKeyId = env.DATA_KEY_ID ?? '';
  if (!dataKeyId) {
    if (production) problems.push('缺少 DATA_KEY_ID');
    dataKeyId = DEMO_DATA_KEY_ID;
  }
  // The demo key stays readable in demo mode, so that a demo database can be rekeyed to a real key.
  if (!production && !dataKeys.has(DEMO_DATA_KEY_ID)) dataKeys.set(DEMO_DATA_KEY_ID, DEMO_DATA_KEY);
  if (!dataKeys.has(dataKeyId)) problems.push(`DATA_KEY_ID=${dataKeyId}，但未设置 DATA_KEY_${dataKeyId}`);
  if (problems.length) throw new Error(`密钥配置有误：${problems.join('；')}`);
  const demo = auditHmac.equals(Buffer.from(DEMO_AUDIT_KEY)) || dataKeyId === DEMO_DATA_KEY_ID || indexKey.equals(Buffer.from(DEMO_INDEX_KEY));
  return { auditHmac, dataKeyId, dataKeys, indexKey, demo };
}

let active: Keys | null = null;

/** The keys in force: set at start-up from the configuration, else read from the environment. */
export function keys(): Keys {
  if (!active) {
    const production = process.env.NODE_ENV === 'production' || process.env.DUBAN_MODE === 'production';
    active = loadKeys(process.env, production);
  }
  return active;
}

export function useKeys(k: Keys) {
  active = k;
}
