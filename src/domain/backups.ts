import type { DbOrTx } from '../db/client.js';
import type { Language } from '../db/schema/index.js';
import { enqueue } from './jobs/queue.js';

/** An admin's `/cadangan`: the outbox worker makes a fresh backup and sends it to that chat. */
export const BACKUP_SEND_KIND = 'backup.send';

export interface BackupRequest {
  memberId: number;
  /** The update that asked: a re-run of it queues nothing new. */
  updateId: number;
  chatId: number;
  now: Date;
  lang: Language;
}

/** Queues the backup for the outbox worker (the handler answers at once; the file comes later). */
export async function queueBackupSend(tx: DbOrTx, request: BackupRequest): Promise<void> {
  await enqueue(tx, [
    {
      kind: BACKUP_SEND_KIND,
      ref: `backup:${request.memberId}`,
      dedupeKey: `backup:${request.updateId}`,
      chatId: request.chatId,
      dueAt: request.now,
      payload: { lang: request.lang },
    },
  ]);
}
