// Right: the lesson's Subscription, with its state in plain (non-private) fields and a rule across two fields.
import { BaseTimestampEntity, ValidationError, type Clock, type EntityInit } from '@practicum/reference';

export type SubscriptionPlan = 'free' | 'team' | 'enterprise';
const PLANS: readonly string[] = ['free', 'team', 'enterprise'];

export class Subscription extends BaseTimestampEntity {
  readonly id: string;
  plan: SubscriptionPlan;
  seats: number;

  constructor(props: { id: string; plan: SubscriptionPlan; seats: number }, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.plan = props.plan;
    this.seats = props.seats;
    this.validate();
  }

  /** One user action, one touch: plan and seats change together or not at all. */
  changePlan(plan: SubscriptionPlan, seats: number): void {
    const before = { plan: this.plan, seats: this.seats };
    this.plan = plan;
    this.seats = seats;
    try {
      this.touch('plan_changed', { from: before.plan, to: plan, seats });
    } catch (error) {
      this.plan = before.plan;
      this.seats = before.seats;
      throw error;
    }
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (this.id.trim() === '') throw new ValidationError('A subscription needs an id', 'id');
    if (!PLANS.includes(this.plan)) throw new ValidationError(`Unknown plan: ${this.plan}`, 'plan');
    if (!Number.isInteger(this.seats) || this.seats < 1) throw new ValidationError('At least one seat is required', 'seats');
    if (this.plan === 'free' && this.seats > 3) throw new ValidationError('The free plan has at most 3 seats', 'seats');
  }
}

export const examples = {
  create: (clock: Clock): Subscription => new Subscription({ id: 'sub-1', plan: 'team', seats: 5 }, { clock }),
  change: (entity: Subscription): void => entity.changePlan('enterprise', 50),
  invalidChange: (entity: Subscription): void => entity.changePlan('free', 10),
  invalidCreations: [
    (clock: Clock): Subscription => new Subscription({ id: 'sub-2', plan: 'team', seats: 0 }, { clock }),
    (clock: Clock): Subscription => new Subscription({ id: 'sub-3', plan: 'free', seats: 10 }, { clock }),
  ],
};
