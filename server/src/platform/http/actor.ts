/** Who is calling: a person (browser session or host-minted token) or a host application (API key). */
export type Actor =
  | {
      kind: 'user';
      userId: string;
      orgId: string;
      login: string;
      role: 'administrator' | 'user';
      via: 'session' | 'user-token';
      sessionId?: string;
      csrfToken?: string;
      /** When the credential stops being valid (token expiry; session expiry after this request). */
      expiresAt?: Date;
      /** Set when this request extended the session: the cookie is sent again with the new expiry. */
      renewed?: boolean;
    }
  | { kind: 'app'; orgId: string; apiKeyId: string };

export type UserActor = Extract<Actor, { kind: 'user' }>;

/** Resolves the caller from a request's cookie or bearer credential; null when there is none. */
export interface Authenticator {
  resolve(input: { cookie?: string; bearer?: string; token?: string }): Promise<Actor | null>;
}

export const isAdmin = (a: Actor | null) => !!a && (a.kind === 'app' || a.role === 'administrator');
