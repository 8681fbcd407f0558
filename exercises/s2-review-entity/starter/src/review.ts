// Review entity: a customer's review of a product, with clean timestamps.
// Opened as a pull request by a teammate; review it before it is merged.
import {
  BaseTimestampEntity,
  TimestampUpdatedEvent,
  ValidationError,
  type EntityInit,
  type TimestampRepository,
} from '@practicum/reference';

export interface ReviewProps {
  id: string;
  productId: string;
  author: string;
  content: string;
  rating: any;
  publishedAt?: string;
}

export const MAX_CONTENT_LENGTH = 5000;

export class Review extends BaseTimestampEntity {
  readonly id: string;
  readonly productId: string;
  readonly author: string;
  content: string;
  rating: number;
  publishedAt: Date | null;

  constructor(props: ReviewProps, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.productId = props.productId;
    this.author = props.author;
    this.content = props.content;
    this.rating = props.rating;
    this.publishedAt = props.publishedAt ? new Date(props.publishedAt) : null;
    this.validate();
  }

  protected getEntityId(): string {
    return this.author;
  }

  protected validateEntity(): void {
    if (this.content.length > MAX_CONTENT_LENGTH) {
      throw new ValidationError(`Review content is longer than ${MAX_CONTENT_LENGTH} characters`, 'content');
    }
  }

  edit(content: string): void {
    const previous = this.content;
    this.content = content;
    try {
      this.touch('content_edited');
    } catch (error) {
      this.content = previous;
      throw error;
    }
  }

  rate(rating: number): void {
    this.rating = rating;
    this.addDomainEvent(
      new TimestampUpdatedEvent({
        entityId: this.id,
        entityType: 'Review',
        occurredAt: this.updatedAt,
        oldTimestamp: this.updatedAt,
        newTimestamp: this.updatedAt,
        reason: 'rating_changed',
      }),
    );
  }

  publish(): void {
    this.publishedAt = new Date(new Date().toLocaleString('en-US'));
    this.touch('published');
  }

  get isPublished(): boolean {
    return this.publishedAt !== null;
  }

  isRecent(): boolean {
    return Date.now() - this.createdAt.getTime() < 24 * 60 * 60 * 1000;
  }
}

/** Loads the reviews shown on a product page. */
export async function loadReviews(repository: TimestampRepository<Review>, reviewIds: readonly string[]): Promise<Review[]> {
  const reviews: Review[] = [];
  for (const id of reviewIds) {
    const review = await repository.findById(id);
    if (review !== null && review.isPublished) reviews.push(review);
  }
  return reviews;
}
