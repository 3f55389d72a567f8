// npm run data:rekey — re-encrypts every SM4-encrypted field (phones, contacts) under the current
// DATA_KEY_ID and recomputes the blind indexes. Keep the old DATA_KEY_<id> set while it runs;
// remove it afterwards. Plaintext left by older versions is encrypted too.
import path from 'node:path';
import { loadConfig } from '../src/server/config.js';
import { useKeys } from '../src/server/crypto/keys.js';
import { openDatabase } from '../src/server/db/client.js';
import { reencryptFields } from '../src/server/crypto/rekey.js';

const config = loadConfig();
useKeys(config.keys);
const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'pg') });
try {
  const done = await reencryptFields(database.db, 'all');
  const total = Object.values(done).reduce((a, b) => a + b, 0);
  console.log(`已用密钥 ${config.keys.dataKeyId} 重新加密 ${total} 个字段：${Object.entries(done).map(([t, n]) => `${t} ${n}`).join('，')}`);
} finally {
  await database.close();
}
