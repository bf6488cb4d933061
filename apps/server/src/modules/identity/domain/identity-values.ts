/**
 * How each kind of customer identity is written and compared. The same rules live in SQL
 * (migration 0700: identity_normalize_email / identity_normalize_phone) for the backfill and the
 * triggers that mirror users.email/phone; test/identity/identity-values.test.ts runs both on one
 * table of samples.
 */
export const IDENTITY_KINDS = ['email', 'phone', 'wechat', 'chat_visitor'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/** Kinds mirrored on the users row (users.email, users.phone) by their primary identity. */
export const MIRRORED_KINDS = { email: 'email', phone: 'phone' } as const satisfies Partial<Record<IdentityKind, 'email' | 'phone'>>;

export type IdentityValue = { ok: true; value: string; normalized: string } | { ok: false; message: string };

// Deliberately permissive (one @, a dot in the domain, no spaces): mail servers decide the rest.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// WeChat openid/unionid and chat visitor ids: opaque tokens, compared exactly.
const TOKEN_SHAPE = /^[A-Za-z0-9_\-.:]{1,128}$/;

/** Lower-case, trimmed; null when empty. */
export function normalizeEmail(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  return value === '' ? null : value;
}

/**
 * Digits with a leading '+'; a leading '00' (the international call prefix) is dropped. 5 to 15
 * digits, else null. No country is guessed: '138 0013 8000' and '+86 138 0013 8000' differ.
 */
export function normalizePhone(raw: string): string | null {
  const digits = raw.trim().replace(/^00/, '').replace(/[^0-9]/g, '');
  return digits.length >= 5 && digits.length <= 15 ? `+${digits}` : null;
}

/** Checks and normalises a value given for an identity of this kind. */
export function identityValue(kind: IdentityKind, raw: string): IdentityValue {
  const value = raw.trim();
  switch (kind) {
    case 'email': {
      if (value.length > 254 || !EMAIL_SHAPE.test(value)) return { ok: false, message: 'must be an email address' };
      return { ok: true, value, normalized: normalizeEmail(value)! };
    }
    case 'phone': {
      if (value.length > 50 || /[^0-9+\-().\s/]/.test(value)) {
        return { ok: false, message: 'must be a phone number (digits, spaces, + - ( ) . /)' };
      }
      const normalized = normalizePhone(value);
      if (!normalized) return { ok: false, message: 'must have 5 to 15 digits' };
      return { ok: true, value, normalized };
    }
    case 'wechat':
    case 'chat_visitor': {
      if (!TOKEN_SHAPE.test(value)) return { ok: false, message: 'must be 1 to 128 letters, digits or _ - . :' };
      return { ok: true, value, normalized: value };
    }
  }
}
