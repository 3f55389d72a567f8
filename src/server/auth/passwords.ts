import { hash, verify } from '@node-rs/argon2';

// 2 is Algorithm.Argon2id (a const enum that isolated modules cannot read).
export const hashPassword = (plain: string) => hash(plain, { algorithm: 2 });
export const verifyPassword = (stored: string, plain: string) => verify(stored, plain).catch(() => false);
