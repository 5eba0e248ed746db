import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { readAccount, updateAccount } from './account-store';
import { decryptColumn, encryptColumn, needsReencryption, type Keyring, type SecretColumn } from './token-crypto';
import { REFRESH_LOCK_KEY } from './tokens';

/**
 * Re-encrypts the stored Tesla tokens under `keys.current`, bound to their columns: values made
 * under a previous key (or before key ids existed) are read with the keyring and written anew, in
 * one transaction under the token-refresh lock, so no refresh runs meanwhile. Returns how many
 * values were re-encrypted (0 when all are current).
 */
export async function reencryptStoredTokens(db: Db, keys: Keyring): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK_KEY}::bigint)`);
    const row = await readAccount(tx);
    if (!row) return 0;
    const parts: [SecretColumn, string | null, string | null, string | null][] = [
      ['refresh token', row.teslaRefreshTokenEncrypted, row.encryptionIv, row.encryptionTag],
      ['access token', row.teslaAccessTokenEncrypted, row.accessTokenIv, row.accessTokenTag],
    ];
    const changes: Parameters<typeof updateAccount>[1] = {};
    let count = 0;
    for (const [column, ciphertext, iv, tag] of parts) {
      if (!ciphertext || !iv || !tag || !needsReencryption({ ciphertext }, keys)) continue;
      const e = encryptColumn(decryptColumn({ ciphertext, iv, tag }, keys, column), keys, column);
      if (column === 'refresh token')
        Object.assign(changes, { teslaRefreshTokenEncrypted: e.ciphertext, encryptionIv: e.iv, encryptionTag: e.tag });
      else Object.assign(changes, { teslaAccessTokenEncrypted: e.ciphertext, accessTokenIv: e.iv, accessTokenTag: e.tag });
      count++;
    }
    if (count > 0) await updateAccount(tx, changes);
    return count;
  });
}
