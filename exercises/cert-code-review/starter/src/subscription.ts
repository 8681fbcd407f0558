// Subscription entity: a customer's subscription to a paid plan, and the nightly renewal job.
// Opened as a pull request by a teammate; review it before it is merged.
import {
  BaseTimestampEntity,
  ValidationError,
  coerceToUtc,
  type EntityInit,
  type TimestampRepository,
} from '@practicum/reference';

export const PLANS = ['starter', 'team', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

export interface SubscriptionProps {
  id: string;
  customerId: string;
  plan: Plan;
  seats: number;
  renewsAt: Date | string;
}

export class Subscription extends BaseTimestampEntity {
  readonly id: string;
  readonly customerId: string;
  plan: Plan;
  seats: number;
  status: string;
  renewsAt: Date;

  constructor(props: SubscriptionProps, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.customerId = props.customerId;
    this.plan = props.plan;
    this.seats = props.seats;
    this.status = 'active';
    this.renewsAt = coerceToUtc(props.renewsAt);
    this.validate();
  }

  protected getEntityId(): string {
    return this.customerId;
  }

  protected validateEntity(): void {
    if (!PLANS.includes(this.plan)) throw new ValidationError(`Unknown plan "${this.plan}"`, 'plan');
  }

  changeSeats(seats: number): void {
    const previous = this.seats;
    this.seats = seats;
    try {
      this.touch('seats_changed');
    } catch (error) {
      this.seats = previous;
      throw error;
    }
  }

  renew(): void {
    const next = new Date(this.renewsAt);
    next.setMonth(next.getMonth() + 1);
    next.setHours(0, 0, 0, 0);
    this.renewsAt = next;
    this.touch('renewed');
  }

  cancel(): void {
    this.status = 'cancelled';
    this.clearDomainEvents();
  }

  isDue(): boolean {
    return this.status === 'active' && this.renewsAt.getTime() <= new Date().getTime();
  }
}

/** Nightly job: renews every due subscription among `ids`. */
export async function renewDueSubscriptions(repository: TimestampRepository<Subscription>, ids: readonly string[]): Promise<number> {
  let renewed = 0;
  for (const id of ids) {
    const subscription = await repository.findById(id);
    if (subscription === null || !subscription.isDue()) continue;
    subscription.renew();
    await repository.save(subscription);
    renewed += 1;
  }
  return renewed;
}
