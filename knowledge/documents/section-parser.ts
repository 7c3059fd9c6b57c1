// Turns a policy document's text into the sections docs/contracts.md names: "2", "2.1", and "intro" for the
// text before the first heading. In Markdown, `##` headings mark sections too, numbered or not: an
// unnumbered "## Returns & Exchanges" is section "returns-exchanges". Pure: the caller reads the file.

export const INTRO_SECTION_ID = 'intro';

/** One labelled bullet, list item or paragraph inside a section. */
export interface Passage {
  kind: 'paragraph' | 'bullet' | 'list_item';
  /** The bullet's label ("Email Support" in "Email Support: Reach out…"), else null. */
  label: string | null;
  /** The passage text without its bullet marker or label. */
  text: string;
  /** 0 for top-level bullets, 1 for bullets nested under them. */
  depth: number;
}

export interface PolicySection {
  /** Document id: the file name without `.txt`. */
  document: string;
  /** The printed heading number without its trailing dot, or "intro". */
  id: string;
  heading: string;
  /** The section body (heading line excluded), lines kept, surrounding blank lines dropped. */
  text: string;
  passages: Passage[];
}

// Real headings start at column 0: "2. Service Channels", "2.1 Email Support". A lone number
// ("36 Heritage Road") needs its trailing dot to count; indented "  1. Inquiry…" never counts.
const HEADING = /^(\d{1,2}(?:\.\d{1,2})*)(\.?)[ \t]+(\S.*)$/;
const MAX_HEADING_LENGTH = 80;
const MAX_HEADING_WORDS = 12;

interface Heading {
  id: string;
  parts: number[];
  title: string;
}

function asHeading(line: string): Heading | null {
  const match = HEADING.exec(line.trimEnd());
  if (!match) return null;
  const [, id = '', trailingDot, title = ''] = match;
  const parts = id.split('.').map(Number);
  if (parts.length === 1 && trailingDot !== '.') return null;
  if (!isTitleLike(title)) return null;
  return { id, parts, title };
}

// A heading is a short title, not a sentence that happens to start with a number.
function isTitleLike(title: string): boolean {
  if (title.length > MAX_HEADING_LENGTH) return false;
  if (title.split(/\s+/).length > MAX_HEADING_WORDS) return false;
  if (/[.;:,!?]$/.test(title)) return false;
  return /^[A-Z]/.test(title);
}

// Headings only move forward: "3" after "2" or "2.3", "2.2" after "2.1" or "2". Anything else is
// text that looks like a heading, so it stays in the current section.
function follows(previous: Heading | null, next: Heading): boolean {
  const [top = 0, ...rest] = next.parts;
  if (rest.length > 1) return false;
  const [prevTop = 0, prevSub = 0] = previous?.parts ?? [];
  if (rest.length === 0) return top > prevTop;
  const [sub = 0] = rest;
  return top === prevTop && sub > prevSub;
}

// "## 3. Returns" or "## Returns": any heading below the document's title.
const MARKDOWN_HEADING = /^#{2,6}[ \t]+(\S.*?)[ \t#]*$/;
const MARKDOWN_TITLE = /^#[ \t]+\S/;

function asMarkdownHeading(line: string, used: Set<string>): Heading | null {
  const match = MARKDOWN_HEADING.exec(line.trimEnd());
  if (!match) return null;
  const title = plainMarkdown(match[1] ?? '');
  const numbered = /^(\d{1,2}(?:\.\d{1,2})*)\.?[ \t]+(\S.*)$/.exec(title);
  if (numbered) return { id: numbered[1] ?? '', parts: (numbered[1] ?? '').split('.').map(Number), title: numbered[2] ?? '' };
  const slug = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'section';
  let id = slug;
  for (let n = 2; used.has(id) || id === INTRO_SECTION_ID; n += 1) id = `${slug}-${n}`;
  return { id, parts: [], title };
}

/** Markdown emphasis and links as the words a shopper reads. */
function plainMarkdown(line: string): string {
  return line.replace(/\*\*|__/g, '').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
}

export interface ParseOptions {
  /** The document is Markdown: `##` headings and a `#` title line. */
  markdown?: boolean;
}

export function parseSections(document: string, text: string, options: ParseOptions = {}): PolicySection[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (options.markdown) return parseMarkdownSections(document, lines);
  const sections: PolicySection[] = [];
  let current: { id: string; heading: string; body: string[] } = { id: INTRO_SECTION_ID, heading: 'Introduction', body: [] };
  let lastHeading: Heading | null = null;

  const close = (): void => {
    const body = trimBlankLines(current.body);
    if (current.id === INTRO_SECTION_ID && body.length === 0) return;
    sections.push({ document, id: current.id, heading: current.heading, text: body.join('\n'), passages: parsePassages(body) });
  };

  for (const line of lines) {
    const heading = asHeading(line);
    if (heading && follows(lastHeading, heading)) {
      close();
      current = { id: heading.id, heading: heading.title.trim(), body: [] };
      lastHeading = heading;
    } else {
      current.body.push(line.trimEnd());
    }
  }
  close();
  return sections;
}

function parseMarkdownSections(document: string, lines: readonly string[]): PolicySection[] {
  const sections: PolicySection[] = [];
  const used = new Set<string>();
  let current: { id: string; heading: string; body: string[] } = { id: INTRO_SECTION_ID, heading: 'Introduction', body: [] };
  const close = (): void => {
    const body = trimBlankLines(current.body);
    if (current.id === INTRO_SECTION_ID && body.length === 0) return;
    sections.push({ document, id: current.id, heading: current.heading, text: body.join('\n'), passages: parsePassages(body) });
  };
  for (const line of lines) {
    const heading = asMarkdownHeading(line, used);
    if (heading && !used.has(heading.id)) {
      close();
      used.add(heading.id);
      current = { id: heading.id, heading: heading.title, body: [] };
    } else if (!(current.id === INTRO_SECTION_ID && MARKDOWN_TITLE.test(line))) {
      current.body.push(plainMarkdown(line.trimEnd()));
    }
  }
  close();
  return sections;
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.trim() === '') start++;
  while (end > start && lines[end - 1]?.trim() === '') end--;
  return lines.slice(start, end);
}

const BULLET = /^(\s*)[•\-*]\s+(\S.*)$/;
const LIST_ITEM = /^\s+\d{1,2}\.\s+(\S.*)$/;
const LABEL = /^([A-Z][A-Za-z&'’/() -]{0,48}?):\s+(\S.*)$/;
const NESTED_INDENT = 4;

/** Splits a section body into passages: "-" on its own line marks the next line as a bullet. */
export function parsePassages(body: readonly string[]): Passage[] {
  const passages: Passage[] = [];
  let dashPending = false;
  for (const line of body) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed === '-' || trimmed === '•') {
      dashPending = true;
      continue;
    }
    const bullet = BULLET.exec(line);
    const listItem = LIST_ITEM.exec(line);
    if (bullet) {
      const indent = bullet[1]?.length ?? 0;
      passages.push(labelled('bullet', bullet[2] ?? '', indent >= NESTED_INDENT ? 1 : 0));
    } else if (listItem) {
      passages.push(labelled('list_item', listItem[1] ?? '', 0));
    } else if (dashPending) {
      passages.push(labelled('bullet', trimmed, 0));
    } else {
      passages.push({ kind: 'paragraph', label: null, text: trimmed, depth: 0 });
    }
    dashPending = false;
  }
  return passages;
}

function labelled(kind: Passage['kind'], text: string, depth: number): Passage {
  const match = LABEL.exec(text);
  if (!match) return { kind, label: null, text, depth };
  return { kind, label: (match[1] ?? '').trim(), text: match[2] ?? '', depth };
}

/** Collapses whitespace so a quote matches across line breaks and indentation. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
