// The certificate PDF as an archival, accessible file, read back with pdf-lib's low-level objects and
// an XML parser: tagged font subsets, XMP metadata agreeing with the Info dictionary, the sRGB output
// intent, the file identifier, and the structure tree a screen reader follows.
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import { renderCertificatePdf, type CertificatePdfInput } from '../../../src/server/certificates/pdf.ts';
import { CERTIFICATE_XMP_NAMESPACE, subsetTag } from '../../../src/server/certificates/pdf-archival.ts';
import { SRGB_CONDITION, srgbIccProfile } from '../../../src/server/certificates/srgb-icc.ts';

const id = 'k3x7q2mz5v8w4r6t9y2b3n5c7d1f4g6h8j0l2p4s';
const input: CertificatePdfInput = {
  certificateId: id,
  learnerName: 'Zoë Ålander & <Петрова>',
  programTitle: 'TypeScript Foundations',
  levelName: 'Associate',
  issuedAt: Date.UTC(2026, 10, 23, 7, 30, 12, 345),
  expiresAt: Date.UTC(2028, 10, 23, 7, 30),
  verifyUrl: `https://practicum.example.com/verify/${id}`,
  scoreSummary: 'Overall 86% · Types 90% · Testing 78%',
};

async function load(overrides: Partial<CertificatePdfInput> = {}) {
  const bytes = await renderCertificatePdf({ ...input, ...overrides });
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  return { bytes, document, page: document.getPage(0) };
}

const streamBytes = (document: PDFDocument, object: PDFObject | undefined): Uint8Array => {
  const stream = object ? document.context.lookup(object) : undefined;
  if (!(stream instanceof PDFRawStream)) throw new Error('expected a stream');
  return decodePDFRawStream(stream).decode();
};

const pageContent = (document: PDFDocument, page: PDFPage): string => {
  const contents = document.context.lookup(page.node.get(PDFName.of('Contents')));
  const parts = contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of('Contents'))];
  return parts.map((part) => Buffer.from(streamBytes(document, part)).toString('latin1')).join('\n');
};

const name = (dict: PDFDict, key: string): string | undefined => dict.lookupMaybe(PDFName.of(key), PDFName)?.decodeText();
const text = (dict: PDFDict, key: string): string | undefined => {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
};

describe('certificate PDF font subsets', () => {
  it('names each subset with its own six-uppercase-letter tag, the same in every dictionary naming it, and stable per certificate', async () => {
    const { bytes, document, page } = await load();
    const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
    const names = new Set<string>();
    for (const [, ref] of fonts?.entries() ?? []) {
      const font = document.context.lookup(ref, PDFDict);
      const base = name(font, 'BaseFont') ?? '';
      const descendant = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
      expect(name(descendant, 'BaseFont')).toBe(base);
      expect(name(descendant.lookup(PDFName.of('FontDescriptor'), PDFDict), 'FontName')).toBe(base);
      names.add(base);
    }
    const parsed = [...names].map((n) => /^([A-Z]{6})\+(.+)$/.exec(n));
    expect(parsed.map((m) => m?.[2]).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    expect(new Set(parsed.map((m) => m?.[1])).size).toBe(2);
    // Deterministic: the same certificate renders to the same bytes; another one gets other tags.
    expect(Buffer.from((await load()).bytes).equals(Buffer.from(bytes))).toBe(true);
    const other = await load({ certificateId: 'another-certificate-id-000' });
    const otherFonts = other.page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
    const otherNames = (otherFonts?.entries() ?? []).map(([, ref]) => name(other.document.context.lookup(ref, PDFDict), 'BaseFont'));
    for (const n of otherNames) expect(names.has(n ?? '')).toBe(false);
    expect(subsetTag('DejaVuSans', 'x')).toMatch(/^[A-Z]{6}$/);
  });
});

describe('certificate PDF metadata', () => {
  it('carries an unfiltered, well-formed XMP packet that agrees with the Info dictionary and names holder, issuer, id and dates', async () => {
    const { document } = await load();
    const ref = document.catalog.get(PDFName.of('Metadata'));
    const stream = document.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) throw new Error('no metadata stream');
    expect(name(stream.dict, 'Type')).toBe('Metadata');
    expect(name(stream.dict, 'Subtype')).toBe('XML');
    expect(stream.dict.get(PDFName.of('Filter'))).toBeUndefined();
    const xml = Buffer.from(stream.getContents()).toString('utf8');
    expect(xml.startsWith('<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>')).toBe(true);
    expect(xml.trimEnd().endsWith('<?xpacket end="w"?>')).toBe(true);
    expect(XMLValidator.validate(xml)).toBe(true);

    const parsed = new XMLParser({ ignoreAttributes: false, removeNSPrefix: false, isArray: (tag) => tag === 'rdf:Description' || tag === 'rdf:li' }).parse(xml);
    const descriptions = parsed['x:xmpmeta']['rdf:RDF']['rdf:Description'] as Record<string, any>[];
    const prop = (key: string): any => descriptions.find((d) => key in d)?.[key];
    const liText = (value: any): string => (typeof value === 'object' ? value['#text'] : String(value));
    expect(liText(prop('dc:title')['rdf:Alt']['rdf:li'][0])).toBe(document.getTitle());
    expect(prop('dc:title')['rdf:Alt']['rdf:li'][0]['@_xml:lang']).toBe('x-default');
    expect(prop('dc:creator')['rdf:Seq']['rdf:li']).toEqual([document.getAuthor()]);
    expect(liText(prop('dc:description')['rdf:Alt']['rdf:li'][0])).toBe(document.getSubject());
    expect(prop('dc:identifier')).toBe(id);
    expect(prop('dc:format')).toBe('application/pdf');
    expect(prop('dc:language')['rdf:Bag']['rdf:li']).toEqual(['en']);
    expect(prop('pdf:Keywords')).toBe(document.getKeywords());
    expect(prop('pdf:Producer')).toBe(document.getProducer());
    expect(prop('xmp:CreatorTool')).toBe(document.getCreator());
    expect(prop('xmp:CreateDate')).toBe('2026-11-23T07:30:12Z');
    expect(Date.parse(prop('xmp:CreateDate'))).toBe(document.getCreationDate()?.getTime());
    expect(Date.parse(prop('xmp:ModifyDate'))).toBe(document.getModificationDate()?.getTime());
    expect(String(prop('pdfaid:part'))).toBe('2');
    expect(prop('pdfaid:conformance')).toBe('B');
    expect(prop('practicum:holder')).toBe(input.learnerName);
    expect(prop('practicum:issuer')).toBe('Practicum');
    expect(prop('practicum:certificateId')).toBe(id);
    expect(prop('practicum:issued')).toBe('2026-11-23T07:30:12Z');
    expect(prop('practicum:validUntil')).toBe('2028-11-23T07:30:00Z');
    expect(prop('practicum:verifyUrl')).toBe(input.verifyUrl);
    expect(descriptions.find((d) => 'practicum:holder' in d)?.['@_xmlns:practicum']).toBe(CERTIFICATE_XMP_NAMESPACE);
    // Every certificate property is described by the PDF/A extension schema, as PDF/A requires of custom ones.
    const schema = prop('pdfaExtension:schemas')['rdf:Bag']['rdf:li'][0];
    expect(schema['pdfaSchema:namespaceURI']).toBe(CERTIFICATE_XMP_NAMESPACE);
    expect(schema['pdfaSchema:prefix']).toBe('practicum');
    const described = (schema['pdfaSchema:property']['rdf:Seq']['rdf:li'] as Record<string, string>[]).map((p) => p['pdfaProperty:name']);
    const used = descriptions.flatMap((d) => Object.keys(d)).filter((k) => k.startsWith('practicum:')).map((k) => k.slice('practicum:'.length));
    expect(described).toEqual(expect.arrayContaining(used));
  });

  it('leaves validUntil out of the XMP for a certificate that does not expire', async () => {
    const { document } = await load({ expiresAt: null });
    const xml = Buffer.from(streamBytes(document, document.catalog.get(PDFName.of('Metadata')))).toString('utf8');
    expect(xml).not.toContain('practicum:validUntil>');
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('has an sRGB PDF/A output intent with a readable ICC profile, and a file identifier', async () => {
    const { document } = await load();
    const intents = document.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = intents.lookup(0, PDFDict);
    expect(name(intent, 'Type')).toBe('OutputIntent');
    expect(name(intent, 'S')).toBe('GTS_PDFA1');
    expect(text(intent, 'OutputConditionIdentifier')).toBe(SRGB_CONDITION);
    const profileRef = intent.get(PDFName.of('DestOutputProfile'));
    const profileStream = document.context.lookup(profileRef);
    if (!(profileStream instanceof PDFRawStream)) throw new Error('no ICC stream');
    expect(profileStream.dict.lookup(PDFName.of('N'), PDFNumber).asNumber()).toBe(3);
    const icc = Buffer.from(streamBytes(document, profileRef));
    expect(icc.equals(Buffer.from(srgbIccProfile()))).toBe(true);
    // ICC header: size, version 2.1, display class, RGB data, XYZ connection space, 'acsp' signature.
    expect(icc.readUInt32BE(0)).toBe(icc.length);
    expect(icc.readUInt32BE(8)).toBe(0x02100000);
    expect(icc.toString('latin1', 12, 24)).toBe('mntrRGB XYZ ');
    expect(icc.toString('latin1', 36, 40)).toBe('acsp');
    const tags = new Map<string, [number, number]>();
    for (let i = 0; i < icc.readUInt32BE(128); i++) {
      const at = 132 + i * 12;
      tags.set(icc.toString('latin1', at, at + 4), [icc.readUInt32BE(at + 4), icc.readUInt32BE(at + 8)]);
    }
    // The tags a matrix/TRC RGB display profile must have, each inside the file and of the right type.
    const types = { desc: 'desc', cprt: 'text', wtpt: 'XYZ ', rXYZ: 'XYZ ', gXYZ: 'XYZ ', bXYZ: 'XYZ ', rTRC: 'curv', gTRC: 'curv', bTRC: 'curv' };
    for (const [tag, type] of Object.entries(types)) {
      const [offset = 0, size = 0] = tags.get(tag) ?? [];
      expect(offset % 4, tag).toBe(0);
      expect(offset + size, tag).toBeLessThanOrEqual(icc.length);
      expect(icc.toString('latin1', offset, offset + 4), tag).toBe(type);
    }
    // The green colorant's Y (its share of white's luminance) is sRGB's 0.7169.
    const [green = 0] = tags.get('gXYZ') ?? [];
    expect(icc.readInt32BE(green + 12) / 65536).toBeCloseTo(0.7169, 3);

    const ids = document.context.trailerInfo.ID;
    expect(ids).toBeInstanceOf(PDFArray);
    const [first, second] = (ids as PDFArray).asArray();
    expect(first).toBeInstanceOf(PDFHexString);
    expect(String(first)).toBe(String(second));
    expect(String(first)).toMatch(/^<[0-9A-F]{32}>$/);
  });
});

describe('certificate PDF tagging', () => {
  it('has a structure tree reading the page in order: headings, paragraphs, the links and the QR figure with its alternative text', async () => {
    const { document, page } = await load();
    expect(document.catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))?.toString()).toBe('true');
    expect(text(document.catalog, 'Lang')).toBe('en');
    const root = document.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    expect(name(root, 'Type')).toBe('StructTreeRoot');
    const top = root.lookup(PDFName.of('K'), PDFDict);
    expect(name(top, 'S')).toBe('Document');
    const kids = top.lookup(PDFName.of('K'), PDFArray).asArray().map((ref) => document.context.lookup(ref, PDFDict));
    expect(kids.map((kid) => name(kid, 'S'))).toEqual(['P', 'H1', 'P', 'P', 'P', 'P', 'P', 'P', 'P', 'P', 'H2', 'P', 'Link', 'Link']);
    const qrLink = kids[13];
    const figure = qrLink?.lookup(PDFName.of('K'), PDFArray).lookup(0, PDFDict);
    expect(figure && name(figure, 'S')).toBe('Figure');
    expect(figure && text(figure, 'Alt')).toBe(`QR code linking to the verification page ${input.verifyUrl}`);
    expect(name(page.node, 'Tabs')).toBe('S');
    expect(page.node.lookup(PDFName.of('StructParents'), PDFNumber).asNumber()).toBe(0);
  });

  it('puts every piece of text in marked content its structure element owns, and decoration in artifacts', async () => {
    const { document, page } = await load();
    const content = pageContent(document, page);
    // Walk the content stream: every text-showing operator sits inside a marked-content sequence.
    const stack: string[] = [];
    const mcids: number[] = [];
    let shown = 0;
    for (const [, tag, mcid, , op] of content.matchAll(/\/(\w+)\s*(?:<<\/MCID (\d+)>>)?\s*(BDC|BMC)|(EMC|Tj)\b/g)) {
      if (tag !== undefined) {
        stack.push(tag);
        if (mcid !== undefined) mcids.push(Number(mcid));
      } else if (op === 'EMC') {
        stack.pop();
      } else {
        shown++;
        expect(stack.length).toBeGreaterThan(0);
        expect(stack[0]).not.toBe('Artifact');
      }
    }
    expect(stack).toEqual([]);
    expect(shown).toBe(16);
    expect(content).toMatch(/\/Artifact BMC/);
    // The parent tree maps MCID i of the page to the element whose K lists i.
    const root = document.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    expect(nums.lookup(0, PDFNumber).asNumber()).toBe(0);
    const row = nums.lookup(1, PDFArray);
    expect(mcids).toEqual(Array.from({ length: row.size() }, (_, i) => i));
    for (const mcid of mcids) {
      const owner = row.lookup(mcid, PDFDict);
      const k = owner.lookup(PDFName.of('K'), PDFArray).asArray().map((item) => item.toString());
      expect(k).toContain(String(mcid));
    }
  });

  it('ties each link annotation to its Link element both ways, printable and described', async () => {
    const { document, page } = await load();
    const root = document.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    const annotations = page.node.Annots()?.asArray() ?? [];
    expect(annotations).toHaveLength(2);
    expect(root.lookup(PDFName.of('ParentTreeNextKey'), PDFNumber).asNumber()).toBe(3);
    for (const ref of annotations) {
      const annotation = document.context.lookup(ref, PDFDict);
      expect(annotation.lookup(PDFName.of('F'), PDFNumber).asNumber()).toBe(4);
      expect(text(annotation, 'Contents')).toBe(`Open the verification page ${input.verifyUrl}`);
      expect(annotation.lookup(PDFName.of('AP'), PDFDict).get(PDFName.of('N'))).toBeInstanceOf(PDFRef);
      const key = annotation.lookup(PDFName.of('StructParent'), PDFNumber).asNumber();
      const owner = nums.lookup(nums.asArray().findIndex((n, i) => i % 2 === 0 && n.toString() === String(key)) + 1, PDFDict);
      expect(name(owner, 'S')).toBe('Link');
      const objr = owner.lookup(PDFName.of('K'), PDFArray).asArray().map((item) => document.context.lookup(item)).find((item) => item instanceof PDFDict && name(item, 'Type') === 'OBJR') as PDFDict;
      expect(objr.get(PDFName.of('Obj'))).toBe(ref);
    }
  });
});
