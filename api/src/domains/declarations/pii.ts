// Identity numbers at rest: AES-256-GCM ciphertext for the rare unmasked read, and an HMAC-SHA-256
// index for look-up and matching (collision joins on the index, never on plaintext). Both keys are
// derived from the deployment's ENCRYPTION_KEY, so a database dump alone reveals no number.
import crypto from 'node:crypto';

export interface PiiCipher {
  /** Look-up index: equal numbers give equal indexes; the number cannot be recovered from it. */
  index(idNumber: string): string;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

export function createPiiCipher(encryptionKey: Buffer): PiiCipher {
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', encryptionKey, Buffer.alloc(0), info, 32));
  const aesKey = derive('weave/pii/aes-256-gcm');
  const hmacKey = crypto.createSecretKey(derive('weave/pii/hmac-index'));
  return {
    index: (idNumber) => crypto.createHmac('sha256', hmacKey).update(idNumber).digest('hex'),
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', aesKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      const raw = Buffer.from(sealed.slice(3), 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', aesKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
