// A product of the catalogue (read-only): its SKU is its id; a title of 1-120 characters (counted
// after trimming) and a price in whole cents. A supplier's catalogue row carries the same fields.
import { BaseTimestampEntity, ValidationError, type EntityInit } from '@practicum/reference';

export const MAX_TITLE_LENGTH = 120;

/** One row of a supplier's catalogue. */
export interface CatalogueRow {
  sku: string;
  title: string;
  priceCents: number;
}

export class Product extends BaseTimestampEntity {
  readonly sku: string;
  title: string;
  priceCents: number;

  /** A new product made from a catalogue row (or rebuilt from stored data); validated. */
  constructor(row: CatalogueRow, init?: EntityInit) {
    super(init);
    this.sku = row.sku;
    this.title = row.title;
    this.priceCents = row.priceCents;
    this.validate();
  }

  /** True when the product already has this row's title and price. */
  matches(row: CatalogueRow): boolean {
    return this.title === row.title && this.priceCents === row.priceCents;
  }

  /**
   * Takes this row's title and price without touching the product: the batch save that stores it
   * stamps the change and records it. Checks nothing; the save validates.
   */
  copyFrom(row: CatalogueRow): void {
    this.title = row.title;
    this.priceCents = row.priceCents;
  }

  protected getEntityId(): string {
    return this.sku;
  }

  protected validateEntity(): void {
    if (typeof this.sku !== 'string' || this.sku.trim() === '') throw new ValidationError('SKU is required', 'sku');
    const title = typeof this.title === 'string' ? this.title.trim() : '';
    if (title.length === 0 || title.length > MAX_TITLE_LENGTH) {
      throw new ValidationError(`Title must be 1-${MAX_TITLE_LENGTH} characters`, 'title');
    }
    if (!Number.isSafeInteger(this.priceCents) || this.priceCents < 0) {
      throw new ValidationError(`Price must be a whole number of cents >= 0, got ${String(this.priceCents)}`, 'priceCents');
    }
  }
}
