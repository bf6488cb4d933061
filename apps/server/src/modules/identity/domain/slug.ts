/**
 * Tenant slugs: lowercase ASCII words joined by hyphens, derived from the company name.
 * Accents are folded ("Café Ünïcode" -> "cafe-unicode"); a name with no ASCII letters or digits
 * (a Chinese company name, say) has no base and gets "tenant-<n>".
 */
const MAX_LENGTH = 40;

export function slugBase(name: string): string | null {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!ascii) return null;
  return ascii.slice(0, MAX_LENGTH).replace(/-+$/g, '');
}

/** The first free slug: the base itself, then base-2, base-3...; "tenant-1", "tenant-2"... without a base. */
export function chooseSlug(base: string | null, taken: ReadonlySet<string>): string {
  if (base && !taken.has(base)) return base;
  const stem = base ?? 'tenant';
  for (let n = base ? 2 : 1; ; n += 1) {
    const candidate = `${stem}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** What a slug typed by a person must look like (CLI, login form). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
