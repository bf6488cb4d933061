/**
 * A phrase (`'申请' <-> '请退' <-> '退款'`, or what to_tsquery makes of `"reset e-mail"`) cannot be
 * decided by GIN: every document holding the words is read and its positions checked, most of
 * them outside the page. Its words ANDed (the phrase "relaxed") are decided by the index alone and
 * match a superset; the phrase is then checked on the newest of those only, until the cap (pure).
 *
 * `parsed` is PostgreSQL's text of the tsquery (`to_tsquery(...)::text`): lexemes quoted with
 * quotes doubled, operators `&`, `|`, `!`, `<->` and `<N>`. Returns the relaxed tsquery text, or
 * null when there is no phrase, or when there is a negation: a relaxed phrase under `!` would
 * exclude more, not less. `<->` binds tighter than `&`, so putting `&` in its place keeps the shape.
 */
export function relaxPhrases(parsed: string): string | null {
  let phrase = false;
  let negation = false;
  const relaxed = parsed.replace(/'(?:[^']|'')*'|<(?:-|\d+)>|!/g, (part) => {
    if (part.startsWith("'")) return part;
    if (part === '!') {
      negation = true;
      return part;
    }
    phrase = true;
    return '&';
  });
  return phrase && !negation ? relaxed : null;
}
