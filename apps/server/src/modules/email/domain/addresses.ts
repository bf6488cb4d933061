import addressparser from 'nodemailer/lib/addressparser';
import { decodeEncodedWords } from './encoded-words.ts';
import { decodeRawBytes } from './header-block.ts';

export interface EmailAddress {
  /** lower-cased, trimmed */
  address: string;
  name: string | null;
}

/**
 * Address header values (raw, as read by readHeaderBlock) to addresses. The structure is
 * parsed before encoded words are decoded, so a decoded name holding a comma or `<` cannot
 * split or invent an address. Groups are flattened; entries without an address are dropped.
 */
export function parseAddressList(rawValues: string[]): EmailAddress[] {
  const out: EmailAddress[] = [];
  for (const raw of rawValues) {
    let parsed: Array<{ name: string; address: string }>;
    try {
      parsed = addressparser(decodeRawBytes(raw).replace(/[\r\n]+/g, ' '), { flatten: true });
    } catch {
      continue;
    }
    for (const entry of parsed) {
      const address = cleanAddress(entry.address);
      if (!address) continue;
      const name = decodeEncodedWords(entry.name ?? '').replace(/\s+/g, ' ').trim();
      out.push({ address, name: name && name.toLowerCase() !== address ? name : null });
    }
  }
  return out;
}

/** One address out of free text or an envelope value (`<a@b>`, `Name <a@b>`), or null. */
export function cleanAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  const address = value.trim().replace(/^<|>$/g, '').trim().toLowerCase();
  // An address needs a local part, an @ and a domain; no spaces or brackets left inside.
  return /^[^\s@<>]+@[^\s@<>]+$/.test(address) ? address : null;
}
