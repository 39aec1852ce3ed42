import { SignJWT, jwtVerify } from 'jose';

const ISSUER = 'mailroom';
const AUDIENCE = 'mailroom-user';

/** A short-lived token a host application mints for one of its users (embedded widgets). */
export async function signUserToken(secret: Uint8Array, claims: { userId: string; orgId: string; ttlSeconds: number; now: Date }) {
  const iat = Math.floor(claims.now.getTime() / 1000);
  const exp = iat + claims.ttlSeconds;
  const token = await new SignJWT({ org: claims.orgId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(secret);
  return { token, expiresAt: new Date(exp * 1000) };
}

export async function verifyUserToken(secret: Uint8Array, token: string, now: Date) {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: now });
    if (typeof payload.sub !== 'string' || typeof payload.org !== 'string') return null;
    return { userId: payload.sub, orgId: payload.org, expiresAt: new Date((payload.exp ?? 0) * 1000) };
  } catch {
    return null;
  }
}
