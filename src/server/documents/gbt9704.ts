import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type ISectionOptions,
} from 'docx';
import sanitizeHtml from 'sanitize-html';
import { looksLikeHtml } from '../../shared/rich-text.js';

// The layout of 党政机关公文 (GB/T 9704-2012) shared by every generated document: A4, margins
// top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; body 仿宋_GB2312 三号 (16 pt), 22 lines of 28
// characters; title 方正小标宋简体 二号 (22 pt); first-level headings 黑体, second-level 楷体_GB2312;
// page numbers 宋体 四号 "— 1 —", right on odd pages and left on even pages.
//
// Fallbacks: the GB fonts are often missing on an office PC. Each run names the GB font for
// East-Asian text and Times New Roman for Latin text and digits, and word/fontTable.xml gives
// Word the substitute to use when the GB font is absent (w:altName):
//   仿宋_GB2312 → 仿宋 (FangSong)   方正小标宋简体 → 宋体 (SimSun)   楷体_GB2312 → 楷体 (KaiTi)
//   黑体 → SimHei                   宋体 → SimSun
// LibreOffice (PDF conversion) applies its own replacement table, which maps these the same way
// when the fonts-wqy / Fandol packages are installed.

/** Millimetres to twips, rounded (docx's own helper truncates 37 mm to 2097). */
const mm = (v: number) => Math.round((v * 1440) / 25.4);

export const PAGE = {
  width: 11906, // 210 mm in twips
  height: 16838, // 297 mm
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
} as const;

export const FONTS = {
  body: { name: '仿宋_GB2312', fallback: '仿宋' },
  title: { name: '方正小标宋简体', fallback: '宋体' },
  heading1: { name: '黑体', fallback: 'SimHei' },
  heading2: { name: '楷体_GB2312', fallback: '楷体' },
  pageNumber: { name: '宋体', fallback: 'SimSun' },
} as const;
type FontKey = keyof typeof FONTS;
const LATIN = 'Times New Roman';

/** Sizes in half-points, as WordprocessingML counts them. */
export const SIZE = { 二号: 44, 三号: 32, 四号: 28, 小四: 24, 初号: 84 } as const;

/** 22 lines on the 225 mm type area: 28.95 pt, exactly. */
const LINE = { line: 579, lineRule: LineRuleType.EXACT };
/** Two characters of 三号 for the first-line indent. */
const INDENT_2 = 640;

const fontOf = (key: FontKey) => ({ ascii: LATIN, hAnsi: LATIN, eastAsia: FONTS[key].name, cs: LATIN, hint: 'eastAsia' });

export interface RunStyle {
  font?: FontKey;
  size?: number;
  bold?: boolean;
  color?: string;
}

export function run(text: string, s: RunStyle = {}): TextRun {
  return new TextRun({ text, font: fontOf(s.font ?? 'body'), size: s.size ?? SIZE.三号, bold: s.bold, color: s.color });
}

/**
 * 正文 paragraph: justified, first line indented two characters. `keepNext` keeps it on the page
 * of the paragraph after it (the last paragraph before a 落款, so the 落款 never stands alone).
 */
export function bodyParagraph(text: string | TextRun[], opts: { indent?: boolean; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: typeof text === 'string' ? [run(text)] : text,
    alignment: AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: INDENT_2 },
    spacing: LINE,
    keepNext: opts.keepNext,
  });
}

/** A "label：value" paragraph (提案人：……), the label in 黑体 so the eye finds it. */
export function fieldParagraph(label: string, value: string): Paragraph {
  return bodyParagraph([run(`${label}：`, { font: 'heading1' }), run(value)]);
}

/** 标题: centred, 方正小标宋简体 二号, with a blank line after. */
export function titleParagraph(text: string): Paragraph {
  return new Paragraph({
    children: [run(text, { font: 'title', size: SIZE.二号 })],
    alignment: AlignmentType.CENTER,
    spacing: { ...LINE, line: 700, after: 579 },
  });
}

/** 一级标题 (一、……) in 黑体, 二级标题 (（一）……) in 楷体_GB2312. */
export function headingParagraph(text: string, level: 1 | 2 = 1, opts: { newPage?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: [run(text, { font: level === 1 ? 'heading1' : 'heading2' })],
    pageBreakBefore: opts.newPage,
    indent: { firstLine: INDENT_2 },
    spacing: LINE,
    keepNext: true,
  });
}

export function blankLine(opts: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({ children: [run('')], spacing: LINE, keepNext: opts.keepNext });
}

/** 发文机关标志: the issuing body's name in red 小标宋, centred, and the red separator line below. */
export function letterhead(name: string, documentNo: string | null): Paragraph[] {
  return [
    new Paragraph({
      children: [run(name, { font: 'title', size: 60, color: 'FF0000' })],
      alignment: AlignmentType.CENTER,
      spacing: { before: 400, after: 400 },
    }),
    new Paragraph({
      children: [run(documentNo ?? '')],
      alignment: AlignmentType.CENTER,
      spacing: LINE,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'FF0000', space: 8 } },
    }),
    blankLine(),
  ];
}

/**
 * 落款: the issuing body and the date, right-aligned four characters from the margin. The lines
 * never split across pages: each keeps its own lines together and stays with the next one
 * (keep-lines, keep-with-next), so the date is always on the page of the issuing body.
 */
export function signatureBlock(lines: string[]): Paragraph[] {
  return lines.map(
    (l, i) =>
      new Paragraph({
        children: [run(l)],
        alignment: AlignmentType.RIGHT,
        indent: { right: INDENT_2 * 2 },
        spacing: LINE,
        keepLines: true,
        keepNext: i < lines.length - 1,
      }),
  );
}

/**
 * The body paragraphs of a document whose 落款 follows: the last one keeps with the next, so the
 * 落款 is never alone on a page (GB/T 9704: no page with only the signature and date).
 */
export function bodyBeforeSignature(paragraphs: string[]): Paragraph[] {
  return paragraphs.map((p, i) => bodyParagraph(p, { keepNext: i === paragraphs.length - 1 }));
}

const pageNumberParagraph = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
  new Paragraph({
    alignment,
    indent: alignment === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
    children: [
      new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: fontOf('pageNumber'), size: SIZE.四号 }),
    ],
  });

/** One section with the GB/T 9704 page: A4, the margins, and page numbers right on odd, left on even pages. */
export function officialSection(children: ISectionOptions['children']): ISectionOptions {
  return {
    properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { ...PAGE.margin, header: 850, footer: 790 } } },
    footers: {
      default: new Footer({ children: [pageNumberParagraph(AlignmentType.RIGHT)] }),
      even: new Footer({ children: [pageNumberParagraph(AlignmentType.LEFT)] }),
    },
    children,
  };
}

export function officialDocument(title: string, sections: ISectionOptions[]): Document {
  return new Document({
    title,
    creator: '督办',
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: fontOf('body'), size: SIZE.三号 } } } },
    sections,
  });
}

// Word reads w:altName when the named font is not installed; charset 86 is GB2312.
const FONT_TABLE_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${[
  ...Object.values(FONTS).map((f) => `<w:font w:name="${f.name}"><w:altName w:val="${f.fallback}"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`),
  `<w:font w:name="${LATIN}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`,
].join('')}</w:fonts>`;

export async function packDocx(doc: Document): Promise<Buffer> {
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE_XML }]);
}

/** 2025-03-05 → 2025年3月5日 */
export function chineseDate(day: string | null | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A percentage as the figures endpoint gives it (92.9 → "92.9%"); "—" when nothing was counted. */
export function percent(value: number | null): string {
  return value === null ? '—' : `${value}%`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/**
 * The paragraphs of a stored body: plain text split on line breaks, or rich-text HTML whose
 * blocks (p, li, h3, h4, blockquote, br) become paragraphs with the tags removed.
 */
export function textParagraphs(body: string): string[] {
  let text = body;
  if (looksLikeHtml(body)) {
    const marked = body.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|li|h3|h4|blockquote)>/gi, '\n');
    text = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} }).replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e]!);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
