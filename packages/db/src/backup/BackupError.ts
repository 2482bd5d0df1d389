/** A backup or restore refused for a reason an operator can act on; the message is bilingual (zh / en). */
export class BackupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BackupError';
  }
}
