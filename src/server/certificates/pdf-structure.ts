// Tagged PDF for a one-page document drawn with pdf-lib, so screen readers read the certificate in
// order with headings, the QR code's alternative text and its links: a structure tree (Document →
// H1/H2/P/Link/Figure elements) whose elements own marked-content sequences (BDC /P <</MCID n>> …
// EMC) around what is drawn, decorations marked as artifacts, link annotations tied to their Link
// elements (OBJR + StructParent), the parent tree that maps both back, MarkInfo and the page's tab
// order. pdf-lib has no API for any of this (its drawing calls emit no marked content and it writes
// no structure tree); it is built here from its low-level objects.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFOperator, PDFOperatorNames, PDFString, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';

export type StructureType = 'H1' | 'H2' | 'P' | 'Link' | 'Figure';

export interface StructureElement {
  ref: PDFRef;
  dict: PDFDict;
  kids: PDFArray;
}

export class PageStructure {
  private readonly document: PDFDocument;
  private readonly page: PDFPage;
  private readonly root: PDFRef;
  private readonly top: StructureElement;
  /** Parent-tree row of the page: the element that owns each MCID, in MCID order. */
  private readonly owners: PDFRef[] = [];
  /** Parent-tree entries after the page's row: one per link annotation. */
  private readonly annotationOwners: PDFRef[] = [];

  constructor(document: PDFDocument, page: PDFPage, lang: string) {
    this.document = document;
    this.page = page;
    this.root = document.context.nextRef();
    this.top = this.element('Document', this.root, { lang });
  }

  private element(type: string, parent: PDFRef, options: { alt?: string; lang?: string } = {}): StructureElement {
    const { context } = this.document;
    const kids = context.obj([]);
    const dict = context.obj({ Type: 'StructElem', S: type, P: parent, Pg: this.page.ref, K: kids });
    if (options.alt !== undefined) dict.set(PDFName.of('Alt'), PDFHexString.fromText(options.alt));
    if (options.lang !== undefined) dict.set(PDFName.of('Lang'), PDFString.of(options.lang));
    const ref = context.register(dict);
    return { ref, dict, kids };
  }

  /** A new structure element, in reading order, under the document or under `parent`. */
  add(type: StructureType, options: { parent?: StructureElement; alt?: string } = {}): StructureElement {
    const parent = options.parent ?? this.top;
    const child = this.element(type, parent.ref, options.alt === undefined ? {} : { alt: options.alt });
    parent.kids.push(child.ref);
    return child;
  }

  /** Runs `draw` inside a marked-content sequence owned by `owner` (its next MCID). */
  mark(owner: StructureElement, type: StructureType, draw: () => void): void {
    const mcid = this.owners.length;
    this.owners.push(owner.ref);
    owner.kids.push(PDFNumber.of(mcid));
    // pdf-lib's operator arguments exclude dictionaries; a string argument is written as it is.
    this.page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of(type), `<</MCID ${mcid}>>`]));
    draw();
    this.page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  }

  /** Runs `draw` as an artifact: decoration assistive technology skips (frame, rules, background). */
  artifact(draw: () => void): void {
    this.page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Artifact')]));
    draw();
    this.page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  }

  /** Ties a link annotation to its Link element, both ways (OBJR in the element, StructParent in the annotation). */
  annotation(owner: StructureElement, annotation: PDFRef): void {
    const { context } = this.document;
    owner.kids.push(context.obj({ Type: 'OBJR', Obj: annotation, Pg: this.page.ref }));
    const key = 1 + this.annotationOwners.length;
    this.annotationOwners.push(owner.ref);
    context.lookup(annotation, PDFDict).set(PDFName.of('StructParent'), PDFNumber.of(key));
  }

  /** Writes the structure tree root, the parent tree, MarkInfo and the page's StructParents and Tabs. */
  finish(): void {
    const { context, catalog } = this.document;
    const nums: (number | PDFRef | PDFArray)[] = [0, context.obj(this.owners)];
    this.annotationOwners.forEach((owner, index) => nums.push(index + 1, owner));
    const root = context.obj({
      Type: 'StructTreeRoot',
      K: this.top.ref,
      ParentTree: context.obj({ Nums: context.obj(nums) }),
      ParentTreeNextKey: 1 + this.annotationOwners.length,
    });
    context.assign(this.root, root);
    catalog.set(PDFName.of('StructTreeRoot'), this.root);
    catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
    this.page.node.set(PDFName.of('StructParents'), PDFNumber.of(0));
    // Tab through the links in the order the structure reads them.
    this.page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
  }
}
