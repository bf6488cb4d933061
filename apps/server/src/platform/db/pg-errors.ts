/** The constraint a unique violation (SQLSTATE 23505) hit, or null for any other error. */
export function uniqueViolation(error: unknown): string | null {
  const pgError = error as { code?: string; constraint?: string } | null;
  return pgError?.code === '23505' ? (pgError.constraint ?? '') : null;
}
