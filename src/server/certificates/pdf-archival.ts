// What makes the certificate PDF an archival (PDF/A-2b) file as far as pdf-lib lets us reach it:
// font subsets named with their six-letter "ABCDEF+" tag (ISO 32000-1 §9.6.4), an XMP metadata
// packet agreeing with the document information dictionary (dc, xmp and pdf namespaces, the
// certificate's own facts in a namespace described by a PDF/A extension schema, pdfaid part 2
// level B), an sRGB output intent for the DeviceRGB colours, and a file identifier.
//
// What pdf-lib does not reach, and what is done instead:
// - No conformance checker: no PDF/A validator (veraPDF, a Java tool outside npm) runs here or in CI,
//   so the pdfaid claim rests on tests of each requirement (tests/unit/certificates/pdf-archival.test.ts),
//   not on a validator's report. Level B only: A (accessible) and PDF/UA are not declared because
//   nothing here checks them, even though the page is fully tagged.
// - No tagging: pdf-lib's drawing calls emit no marked content and it has no structure-tree API;
//   pdf-structure.ts tags this one fixed layout by hand, so anything added to the page must be tagged
//   there too (the tagging test fails on any run of text outside marked content).
// - No colour profile: pdf-lib ships no ICC profile, so srgb-icc.ts builds sRGB from the standard.
// - Fonts: pdf-lib writes no CIDSet (optional in PDF/A-2, so nothing is lost) and names subsets
//   randomly unless given a name, hence subsetTag.
// - pdf-lib writes PDF 1.7 only: PDF/A-4 (on PDF 2.0) is out of reach.
import { createHash } from 'node:crypto';
import { PDFHexString, PDFName, type PDFDocument } from 'pdf-lib';
import { SRGB_CONDITION, srgbIccProfile } from './srgb-icc.ts';

/** Namespace of the certificate's own XMP properties (holder, issuer, certificate id, dates, verify URL). */
export const CERTIFICATE_XMP_NAMESPACE = 'urn:practicum:xmp:certificate:1.0#';

/**
 * The subset tag of font `fontName` in the document described by `seed`: six uppercase letters from
 * a hash, so re-rendering the same certificate gives the same bytes and two subsets never share one.
 */
export function subsetTag(fontName: string, seed: string): string {
  const digest = createHash('sha256').update(`${fontName}\0${seed}`).digest();
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

export interface ArchivalMetadata {
  title: string;
  /** dc:creator and the Info Author. */
  author: string;
  /** dc:description and the Info Subject. */
  subject: string;
  keywords: string[];
  creatorTool: string;
  producer: string;
  language: string;
  /** Created (= modified: the file is never edited after rendering), whole seconds. */
  created: Date;
  certificate: { id: string; holder: string; issuer: string; issued: Date; validUntil: Date | null; verifyUrl: string };
}

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** XMP dates: ISO 8601 in UTC at whole seconds, the precision of the Info dictionary's PDF dates. */
export const xmpDate = (date: Date): string => new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');

const alt = (text: string): string => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
const list = (kind: 'Seq' | 'Bag', items: readonly string[]): string => `<rdf:${kind}>${items.map((item) => `<rdf:li>${escapeXml(item)}</rdf:li>`).join('')}</rdf:${kind}>`;

const CERTIFICATE_PROPERTIES: readonly [name: string, valueType: string, description: string][] = [
  ['certificateId', 'Text', 'Identifier of the certificate at its issuer'],
  ['holder', 'Text', 'Name of the person the certificate was awarded to'],
  ['issuer', 'Text', 'Organisation that issued the certificate'],
  ['issued', 'Date', 'When the certificate was issued'],
  ['validUntil', 'Date', 'When the certificate expires'],
  ['verifyUrl', 'URL', 'Where the certificate’s current status is checked'],
];

/** The XMP packet (UTF-8, unfiltered in the file, as PDF/A requires). */
export function xmpPacket(meta: ArchivalMetadata): string {
  const c = meta.certificate;
  const created = xmpDate(meta.created);
  const properties = CERTIFICATE_PROPERTIES.map(
    ([name, valueType, description]) =>
      `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>${valueType}</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${escapeXml(description)}</pdfaProperty:description></rdf:li>`,
  ).join('');
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(meta.title)}</dc:title>`,
    `<dc:creator>${list('Seq', [meta.author])}</dc:creator>`,
    `<dc:description>${alt(meta.subject)}</dc:description>`,
    `<dc:subject>${list('Bag', meta.keywords)}</dc:subject>`,
    `<dc:identifier>${escapeXml(c.id)}</dc:identifier>`,
    `<dc:publisher>${list('Bag', [c.issuer])}</dc:publisher>`,
    `<dc:language>${list('Bag', [meta.language])}</dc:language>`,
    `<dc:date>${list('Seq', [xmpDate(c.issued)])}</dc:date>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreateDate>${created}</xmp:CreateDate><xmp:ModifyDate>${created}</xmp:ModifyDate><xmp:MetadataDate>${created}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${escapeXml(meta.creatorTool)}</xmp:CreatorTool>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${escapeXml(meta.producer)}</pdf:Producer><pdf:Keywords>${escapeXml(meta.keywords.join(' '))}</pdf:Keywords>`,
    '</rdf:Description>',
    `<rdf:Description rdf:about="" xmlns:practicum="${CERTIFICATE_XMP_NAMESPACE}">`,
    `<practicum:certificateId>${escapeXml(c.id)}</practicum:certificateId>`,
    `<practicum:holder>${escapeXml(c.holder)}</practicum:holder>`,
    `<practicum:issuer>${escapeXml(c.issuer)}</practicum:issuer>`,
    `<practicum:issued>${xmpDate(c.issued)}</practicum:issued>`,
    c.validUntil ? `<practicum:validUntil>${xmpDate(c.validUntil)}</practicum:validUntil>` : '',
    `<practicum:verifyUrl>${escapeXml(c.verifyUrl)}</practicum:verifyUrl>`,
    '</rdf:Description>',
    // PDF/A admits properties outside the standard schemas only when the file describes them.
    '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">',
    '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">',
    `<pdfaSchema:schema>Practicum certificate</pdfaSchema:schema><pdfaSchema:namespaceURI>${CERTIFICATE_XMP_NAMESPACE}</pdfaSchema:namespaceURI><pdfaSchema:prefix>practicum</pdfaSchema:prefix>`,
    `<pdfaSchema:property><rdf:Seq>${properties}</rdf:Seq></pdfaSchema:property>`,
    '</rdf:li></rdf:Bag></pdfaExtension:schemas>',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/**
 * Sets the Info dictionary and the XMP packet from one description (PDF/A wants them to agree), the
 * sRGB output intent and the file identifier (derived from `seed`, so the same certificate gives the same file).
 */
export function makeArchival(document: PDFDocument, meta: ArchivalMetadata, seed: string): void {
  document.setTitle(meta.title, { showInWindowTitleBar: true });
  document.setAuthor(meta.author);
  document.setSubject(meta.subject);
  document.setKeywords(meta.keywords);
  document.setCreator(meta.creatorTool);
  document.setProducer(meta.producer);
  document.setLanguage(meta.language);
  const created = new Date(Math.floor(meta.created.getTime() / 1000) * 1000);
  document.setCreationDate(created);
  document.setModificationDate(created);

  const { context, catalog } = document;
  const metadata = context.stream(new TextEncoder().encode(xmpPacket(meta)), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(metadata));

  const profile = context.register(context.flateStream(srgbIccProfile(), { N: 3 }));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFHexString.fromText(SRGB_CONDITION),
    Info: PDFHexString.fromText(SRGB_CONDITION),
    RegistryName: PDFHexString.fromText('http://www.color.org'),
    DestOutputProfile: profile,
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));

  const id = createHash('sha256').update(`practicum certificate pdf\0${seed}`).digest('hex').slice(0, 32).toUpperCase();
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}
