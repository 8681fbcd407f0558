// A small entity for the library's own tests (not exported from index.ts).
import { BaseTimestampEntity, ValidationError, type EntityInit } from './entity.ts';

export class Note extends BaseTimestampEntity {
  readonly id: string;
  text: string;

  constructor(id: string, text: string, init?: EntityInit) {
    super(init);
    this.id = id;
    this.text = text;
    this.validate();
  }

  edit(text: string): void {
    const previous = this.text;
    this.text = text;
    try {
      this.touch('edited', { length: text.length });
    } catch (error) {
      this.text = previous;
      throw error;
    }
  }

  peekClock(): Date {
    return this.clock.now();
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (this.text.trim() === '') throw new ValidationError('Note text is required', 'text');
  }
}
