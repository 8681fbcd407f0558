// A shared note that every node of the cluster can edit (read-only): an id and a text of at most
// MAX_TEXT_LENGTH characters. Its timestamps come from the clock it is given.
import { BaseTimestampEntity, ValidationError, type EntityInit } from '@practicum/reference';

export const MAX_TEXT_LENGTH = 2_000;

export interface NoteProps {
  id: string;
  text: string;
}

export class Note extends BaseTimestampEntity {
  readonly id: string;
  text: string;

  constructor(props: NoteProps, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.text = props.text;
    this.validate();
  }

  /** Adds a line at the end of the text; recorded with the reason 'appended'. */
  append(line: string): void {
    this.#change(this.text === '' ? line : `${this.text}\n${line}`, 'appended');
  }

  /** Replaces the text; recorded with the reason 'edited'. */
  edit(text: string): void {
    this.#change(text, 'edited');
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (this.id.trim() === '') throw new ValidationError('Note id is required', 'id');
    if (this.text.length > MAX_TEXT_LENGTH) throw new ValidationError(`Note text must be at most ${MAX_TEXT_LENGTH} characters`, 'text');
  }

  #change(text: string, reason: string): void {
    const previous = this.text;
    this.text = text;
    try {
      this.touch(reason);
    } catch (error) {
      this.text = previous;
      throw error;
    }
  }
}
