// The badge image of a certification level as SVG (program, level, issuer, and on a certificate's
// own badge the holder's name), and the baked badge: the same image carrying the signed credential
// as Open Badges 3.0 §"SVG baking" says: an `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"`
// attribute on <svg> and, directly after the <svg> start tag, one <openbadges:credential> element
// whose `verify` attribute is the VC-JWT (compact JWS). Pure: strings in, a string out.

export const OB_BAKING_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';

export interface BadgeFace {
  programTitle: string;
  /** The level's name ("Certified Clean Timestamp Associate"). */
  levelName: string;
  issuerName: string;
  /** Position of the level in its ladder, 0 for the first: picks the ring's metal. */
  tier: number;
  /** The holder's name, on a certificate's own badge; absent on the level's badge. */
  holderName?: string;
  /** A distinction mark the certificate carries ("with distinction"). */
  distinction?: string | null;
}

const SIZE = 512;
const CENTER = SIZE / 2;
const FONT = "'DejaVu Sans', Verdana, Arial, sans-serif";
const NAVY = '#1e3a5f';
/** Bronze, silver, gold, then platinum for any level above. Dark enough for white text on the ribbon (contrast ≥ 4.5:1). */
const METALS: readonly { ring: string; ribbon: string }[] = [
  { ring: '#b87333', ribbon: '#7a4a1e' },
  { ring: '#a7b0ba', ribbon: '#4b5561' },
  { ring: '#d4af37', ribbon: '#7a5c0f' },
  { ring: '#9fb8c8', ribbon: '#2f4d60' },
];
/** A JWS compact serialization: three base64url parts; nothing in it needs escaping in an attribute. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** Rough advance width of `text` in ems: DejaVu Sans averages a little over half an em per character. */
const ems = (text: string, bold: boolean): number => [...text].length * (bold ? 0.62 : 0.56);

/** Largest size ≤ `max` (not below `min`) at which `text` fits `width` px. */
const fitSize = (text: string, width: number, max: number, min: number, bold: boolean): number =>
  Math.max(min, Math.min(max, Math.floor(width / Math.max(ems(text, bold), 1))));

/** Greedy word wrap into at most `lines` lines of about `perLine` characters; the last line takes the rest. */
function wrap(text: string, perLine: number, lines: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && [...`${current} ${word}`].length > perLine && out.length < lines - 1) {
      out.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) out.push(current);
  return out;
}

function textLine(value: string, y: number, size: number, options: { bold?: boolean; fill?: string; spacing?: number } = {}): string {
  const weight = options.bold ? ' font-weight="700"' : '';
  const spacing = options.spacing ? ` letter-spacing="${options.spacing}"` : '';
  return `<text x="${CENTER}" y="${y}" text-anchor="middle" font-size="${size}"${weight}${spacing} fill="${options.fill ?? '#ffffff'}">${escapeXml(value)}</text>`;
}

/** The program title, up to three centred lines in the upper half of the disc. */
function programLines(title: string): string {
  // Balanced lines: a long title spreads over three instead of piling up in the last.
  const lines = wrap(title, Math.max(16, Math.ceil([...title].length / 3) + 2), 3);
  const longest = Math.max(...lines.map((line) => [...line].length));
  const size = Math.max(18, Math.min(40, Math.floor(300 / (longest * 0.62))));
  const lineHeight = Math.round(size * 1.18);
  const top = 222 - ((lines.length - 1) * lineHeight) / 2;
  return lines.map((line, index) => textLine(line, Math.round(top + index * lineHeight), size, { bold: true })).join('');
}

function star(cx: number, cy: number, r: number, fill: string): string {
  const points = Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? r : r * 0.45;
    const angle = (Math.PI / 5) * i - Math.PI / 2;
    return `${(cx + radius * Math.cos(angle)).toFixed(1)},${(cy + radius * Math.sin(angle)).toFixed(1)}`;
  });
  return `<polygon points="${points.join(' ')}" fill="${fill}"/>`;
}

/** The level's name on the ribbon (centre line y = 326): one line when it fits at 20 px, else two. */
function ribbonText(level: string): string {
  const single = fitSize(level, 400, 24, 11, true);
  const lines = single >= 20 || !/\s/.test(level) ? [level] : wrap(level, Math.ceil([...level].length / 2) + 3, 2);
  const longest = lines.reduce((a, b) => ([...a].length >= [...b].length ? a : b));
  const size = lines.length === 1 ? single : fitSize(longest, 400, 20, 11, true);
  const lineHeight = size * 1.15;
  const first = 326 + size * 0.35 - ((lines.length - 1) * lineHeight) / 2;
  return lines.map((line, i) => textLine(line, Math.round(first + i * lineHeight), size, { bold: true })).join('');
}

/**
 * The badge; with `credentialJwt` it is a baked badge (the VC-JWT in <openbadges:credential verify>,
 * the element the Open Badges 3.0 baking section puts directly after the <svg> start tag).
 */
export function renderBadgeSvg(face: BadgeFace, credentialJwt?: string): string {
  if (credentialJwt !== undefined && !COMPACT_JWS.test(credentialJwt)) throw new Error('the credential to bake is not a compact JWS (header.payload.signature)');
  const metal = METALS[Math.min(Math.max(0, Math.floor(face.tier)), METALS.length - 1)] ?? METALS[0]!;
  const level = face.distinction ? `${face.levelName} ${face.distinction}` : face.levelName;
  const title = `${level} — ${face.programTitle}`;
  const description = `Badge of the ${level} certification in ${face.programTitle}, issued by ${face.issuerName}${face.holderName ? ` to ${face.holderName}` : ''}.`;
  const ribbon = ribbonText(level);

  const namespaces = `xmlns="http://www.w3.org/2000/svg"${credentialJwt === undefined ? '' : ` xmlns:openbadges="${OB_BAKING_NAMESPACE}"`}`;
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<svg ${namespaces} width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-labelledby="badge-title badge-desc" font-family="${escapeXml(FONT)}">`,
    credentialJwt === undefined ? '' : `<openbadges:credential verify="${credentialJwt}"></openbadges:credential>`,
    `<title id="badge-title">${escapeXml(title)}</title>`,
    `<desc id="badge-desc">${escapeXml(description)}</desc>`,
    `<circle cx="${CENTER}" cy="${CENTER}" r="250" fill="${metal.ring}"/>`,
    `<circle cx="${CENTER}" cy="${CENTER}" r="226" fill="${NAVY}"/>`,
    `<circle cx="${CENTER}" cy="${CENTER}" r="214" fill="none" stroke="${metal.ring}" stroke-width="3"/>`,
    textLine(face.issuerName.toUpperCase(), 118, 26, { bold: true, fill: metal.ring, spacing: 6 }),
    `<line x1="206" y1="136" x2="306" y2="136" stroke="${metal.ring}" stroke-width="3"/>`,
    programLines(face.programTitle),
    `<path d="M20 292 H492 L470 326 L492 360 H20 L42 326 Z" fill="${metal.ribbon}" stroke="${metal.ring}" stroke-width="3"/>`,
    ribbon,
    face.holderName ? textLine(face.holderName, 404, fitSize(face.holderName, 280, 22, 10, false), { fill: '#ffffff' }) : '',
    face.distinction ? star(CENTER, 448, 18, metal.ring) : star(CENTER, 440, 12, metal.ring),
    '</svg>\n',
  ];
  return parts.join('');
}

/** The issuer's logo (issuer.image): its name under a gold seal with a check mark, on navy. */
export function renderIssuerLogoSvg(issuerName: string): string {
  const size = fitSize(issuerName, 420, 64, 20, true);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-labelledby="logo-title" font-family="${escapeXml(FONT)}">`,
    `<title id="logo-title">${escapeXml(issuerName)}</title>`,
    `<rect width="${SIZE}" height="${SIZE}" rx="64" fill="${NAVY}"/>`,
    `<circle cx="${CENTER}" cy="200" r="96" fill="#d4af37"/>`,
    `<path d="M208 200 L244 236 L308 168" fill="none" stroke="${NAVY}" stroke-width="22" stroke-linecap="round" stroke-linejoin="round"/>`,
    textLine(issuerName, 390, size, { bold: true }),
    '</svg>\n',
  ].join('');
}
