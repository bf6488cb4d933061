/**
 * Where quoted history or a signature starts in a list of text lines: the earliest of our
 * reply marker, client separators (Outlook, QQMail, Foxmail, 网易), Outlook header blocks,
 * "On … wrote:" / "在 … 写道：" attributions, a trailing `>` block, a `-- ` signature or a
 * mobile footer. Shared by plain-text and HTML folding (which passes its rendered lines).
 * Returns the index of the first folded line, or null.
 */
export function findCutLine(lines: string[]): number | null {
  const plain = lines.map((line) => line.replace(/^(?:\s*>)+\s?/, '').replace(/\u00a0/g, ' ').trim());
  for (let i = 0; i < lines.length; i++) {
    const line = plain[i];
    const joined = i + 1 < lines.length ? `${line} ${plain[i + 1]}` : line;
    if (REPLY_MARKER.test(line) || (!REPLY_MARKER.test(plain[i + 1] ?? '') && REPLY_MARKER.test(joined))) return i;
    if (SEPARATOR.test(line)) return i;
    if (/^_{10,}$/.test(line) && startsHeaderBlock(plain, nextFilled(plain, i + 1))) return i;
    // A header block under a forward marker is the forwarded message itself: it stays visible.
    if (startsHeaderBlock(plain, i) && !FORWARD_MARKER.test(plain[previousFilled(plain, i - 1)] ?? '')) return i;
    if (isAttribution(line) && quoteFollows(lines, i + 1)) return i;
    if (!isAttribution(line) && isAttribution(joined) && quoteFollows(lines, i + 2)) return i;
    if (/^--\s?$/.test(lines[i]) || MOBILE_FOOTER.test(line)) return i;
  }
  return trailingQuote(lines);
}

// Our marker, also when a client wrapped it over two lines or quoted it with `>`.
const REPLY_MARKER = /请在此行上方回复|please\s+type\s+your\s+reply\s+above\s+this\s+line/i;

const SEPARATOR =
  /^-{2,}\s*(?:original message|original|原始邮件|原始郵件|回复的原邮件|邮件原文|ursprüngliche nachricht|message d'origine|mensaje original)\s*-{2,}$/i;

export const FORWARD_MARKER =
  /^(?:-{2,}\s*(?:forwarded message|forwarded by .*|转发的邮件|转发邮件信息|转发邮件|轉寄的郵件|以下为转发邮件)\s*-{2,}|begin forwarded message\s*[:：]?)$/i;

const MOBILE_FOOTER =
  /^(?:sent from my [\w ]{2,30}|sent from (?:mail|outlook) for \w+|get outlook for \w+|sent from yahoo mail.*|发自我的\s*\S{2,12}|来自我的\s*\S{2,12}|发自网易邮箱大师|发自网易邮箱|发自\s*(?:手机)?QQ邮箱|从我的\s*iPhone\s*发送|從我的\s*iPhone\s*傳送|寄件自我的\s*\S+)$/i;

const ATTRIBUTION_EN = /^(?:On|Le|Am|El|Il|Op|Em)\s.{4,300}(?:wrote|a écrit|schrieb|escribió|ha scritto|schreef|escreveu)\s*:$/i;
const ATTRIBUTION_ZH = /^(?:在.{2,300}|.{0,300}于.{2,300})(?:写道|寫道)\s*[:：]$/;
const ANY_ATTRIBUTION = /(?:wrote|a écrit|schrieb|escribió|ha scritto|schreef|escreveu|写道|寫道)\s*[:：]$/i;

function isAttribution(line: string): boolean {
  // The cheap test first: the patterns below backtrack over long lines.
  if (line.length > 400 || !ANY_ATTRIBUTION.test(line)) return false;
  return ATTRIBUTION_EN.test(line) || ATTRIBUTION_ZH.test(line);
}

/**
 * After an attribution: either no `>` quoting at all (Apple Mail, HTML) or nothing but quoted
 * lines to the end. Interleaved answers (`> question`, then an answer) are not folded away.
 */
function quoteFollows(lines: string[], from: number): boolean {
  const next = nextFilled(lines, from);
  if (next < 0 || !/^\s*>/.test(lines[next])) return true;
  for (let i = next; i < lines.length; i++) {
    if (!lines[i].trim() || /^\s*>/.test(lines[i])) continue;
    // a signature or footer after the quote does not make it interleaved
    if (/^--\s?$/.test(lines[i]) || MOBILE_FOOTER.test(lines[i].trim())) return true;
    return false;
  }
  return true;
}

// Outlook: From / Sent (Date) / To / Subject within a few lines, in English or Chinese.
const FIELD = /^\*?\s*([A-Za-z\u4e00-\u9fff]{1,12})\s*\*?\s*[:：]/;
const FROM_FIELDS = new Set(['from', '发件人', '寄件者', '寄件人', 'von', 'de']);
const DATE_FIELDS = new Set(['sent', 'date', '发送时间', '发送日期', '日期', '时间', '寄件日期', '傳送時間', 'gesendet', 'envoyé', 'enviado']);
const SUBJECT_FIELDS = new Set(['subject', '主题', '主旨', 'betreff', 'objet', 'asunto']);

function startsHeaderBlock(lines: string[], at: number): boolean {
  if (at < 0 || !FROM_FIELDS.has(fieldName(lines[at]))) return false;
  const names = lines.slice(at + 1, at + 7).map(fieldName);
  return names.some((name) => DATE_FIELDS.has(name)) && names.some((name) => SUBJECT_FIELDS.has(name));
}

function fieldName(line: string | undefined): string {
  return FIELD.exec(line ?? '')?.[1].toLowerCase() ?? '';
}

function previousFilled(lines: string[], from: number): number {
  for (let i = from; i >= 0; i--) if (lines[i].trim()) return i;
  return -1;
}

function nextFilled(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (lines[i].trim()) return i;
  return -1;
}

/** The `>`-quoted block at the end (blank lines around it allowed), with nothing after. */
function trailingQuote(lines: string[]): number | null {
  let i = lines.length - 1;
  while (i >= 0 && !lines[i].trim()) i--;
  let start: number | null = null;
  while (i >= 0 && (/^\s*>/.test(lines[i]) || !lines[i].trim())) {
    if (lines[i].trim()) start = i;
    i--;
  }
  if (start === null) return null;
  // A lone "X wrote:" line right above the quote goes with it.
  const above = i >= 0 ? lines[i].trim() : '';
  return ANY_ATTRIBUTION.test(above) ? i : start;
}
