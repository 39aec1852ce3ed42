import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string) => hash(password);

let dummy: Promise<string> | null = null;
/** Verifies against the stored hash; with no hash it still spends the same time (no user probing). */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hash('not-a-real-password-0000');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
