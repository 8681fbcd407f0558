// {{Entity}} entity: {{Description}} {{DescriptionRest}}, and the nightly renewal job.
// Opened as a pull request by a teammate; review it before it is merged.
{{#compactImport}}import { BaseTimestampEntity, ValidationError, {{^plantNaiveParse}}coerceToUtc, {{/plantNaiveParse}}type EntityInit, type TimestampRepository } from '@practicum/reference';
{{/compactImport}}{{^compactImport}}import {
  BaseTimestampEntity,
  ValidationError,
{{^plantNaiveParse}}  coerceToUtc,
{{/plantNaiveParse}}  type EntityInit,
  type TimestampRepository,
} from '@practicum/reference';
{{/compactImport}}
export const {{Kind|constant}}S = [{{KindValues}}]{{^plantLooseKinds}} as const{{/plantLooseKinds}};{{#plantLooseKinds}}{{@types-loose-kinds}}{{/plantLooseKinds}}
export type {{Kind|pascal}} = (typeof {{Kind|constant}}S)[number];{{@kind-type}}

{{^propsLast}}export interface {{Entity}}Props {
  id{{#plantClockId}}?{{/plantClockId}}: string;
  {{Owner}}Id: string;
  {{Kind}}: {{Kind|pascal}};
  {{Count}}s: number;
  {{DateField}}: Date | string;
}

{{/propsLast}}export class {{Entity}} extends BaseTimestampEntity {
  readonly id: string;{{@id-field}}
  readonly {{Owner}}Id: string;
  {{Kind}}: {{Kind|pascal}};
  {{Count}}s: number;{{@count-field}}
  status: {{#plantStatusString}}string;{{@types-status-string}}{{/plantStatusString}}{{^plantStatusString}}'active' | '{{Cancelled}}';{{/plantStatusString}}
  {{DateField}}: Date;{{@date-field}}

  constructor(props: {{Entity}}Props, init?: EntityInit) {
    super(init);
    this.id = props.id{{#plantClockId}} ?? `{{Entity|kebab}}-${Date.now()}`{{@identity-clock-id}}{{/plantClockId}};
    this.{{Owner}}Id = props.{{Owner}}Id;
    this.{{Kind}} = props.{{Kind}};
    this.{{Count}}s = props.{{Count}}s;
    this.status = 'active';
    this.{{DateField}} = {{#plantNaiveParse}}new Date(props.{{DateField}});{{@timezone-naive-parse}}{{/plantNaiveParse}}{{^plantNaiveParse}}coerceToUtc(props.{{DateField}});{{@date-assign}}{{/plantNaiveParse}}
    this.validate();
  }

  protected getEntityId(): string {
    return this.{{#plantOwnerId}}{{Owner}}Id;{{@identity-owner-id}}{{/plantOwnerId}}{{^plantOwnerId}}id;{{/plantOwnerId}}
  }

  protected validateEntity(): void {
    if (!{{Kind|constant}}S.includes(this.{{Kind}})) throw new ValidationError(`Unknown {{Kind}} "${this.{{Kind}}}"`, '{{Kind}}');{{#plantKindOnly}}{{@validation-kind-only}}{{/plantKindOnly}}
{{^plantKindOnly}}    if (!Number.isInteger(this.{{Count}}s) || this.{{Count}}s < 1) throw new ValidationError(`{{Count|pascal}}s must be a whole number of at least 1 (got ${this.{{Count}}s})`, '{{Count}}s');
{{/plantKindOnly}}  }
{{#dueFirst}}
  isDue(): boolean {
    return this.status === 'active' && this.{{DateField}}.getTime() <= {{#plantSystemClock}}new Date().getTime();{{@testing-system-clock}}{{/plantSystemClock}}{{^plantSystemClock}}this.clock.now().getTime();{{/plantSystemClock}}
  }
{{/dueFirst}}
  change{{Count|pascal}}s({{Count}}s: number): void {
{{#plantNoRollback}}    this.{{Count}}s = {{Count}}s;{{@validation-no-rollback}}
    this.touch('{{#plantWrongReason}}{{Renewed}}{{/plantWrongReason}}{{^plantWrongReason}}{{Count}}s_changed{{/plantWrongReason}}');{{#plantWrongReason}}{{@events-wrong-reason}}{{/plantWrongReason}}
{{/plantNoRollback}}{{^plantNoRollback}}    const previous = this.{{Count}}s;
    this.{{Count}}s = {{Count}}s;
    try {
      this.touch('{{#plantWrongReason}}{{Renewed}}{{/plantWrongReason}}{{^plantWrongReason}}{{Count}}s_changed{{/plantWrongReason}}');{{#plantWrongReason}}{{@events-wrong-reason}}{{/plantWrongReason}}
    } catch (error) {
      this.{{Count}}s = previous;
      throw error;
    }
{{/plantNoRollback}}  }
{{#cancelFirst}}
  {{Cancel}}(): void {
    this.status = '{{Cancelled}}';
    this.{{#plantCancelClears}}clearDomainEvents();{{@events-cancel-clears}}{{/plantCancelClears}}{{^plantCancelClears}}touch('{{Cancelled}}');{{/plantCancelClears}}
  }
{{/cancelFirst}}
  {{Renew}}(): void {
    const next = new Date({{#plantRenewFromNow}}Math.max(this.{{DateField}}.getTime(), Date.now()){{@testing-renew-from-now}}{{/plantRenewFromNow}}{{^plantRenewFromNow}}this.{{DateField}}{{/plantRenewFromNow}});
{{#plantLocalRenewal}}    next.set{{Period}}(next.get{{Period}}() + 1);
    next.setHours(0, 0, 0, 0);{{@timezone-local-renewal}}
{{/plantLocalRenewal}}{{^plantLocalRenewal}}    next.setUTC{{Period}}(next.getUTC{{Period}}() + 1);
    next.setUTCHours(0, 0, 0, 0);
{{/plantLocalRenewal}}    this.{{DateField}} = next;
    this.touch('{{Renewed}}');{{@renew-touch}}
  }
{{^cancelFirst}}
  {{Cancel}}(): void {
    this.status = '{{Cancelled}}';
    this.{{#plantCancelClears}}clearDomainEvents();{{@events-cancel-clears}}{{/plantCancelClears}}{{^plantCancelClears}}touch('{{Cancelled}}');{{/plantCancelClears}}
  }
{{/cancelFirst}}{{^dueFirst}}
  isDue(): boolean {
    return this.status === 'active' && this.{{DateField}}.getTime() <= {{#plantSystemClock}}new Date().getTime();{{@testing-system-clock}}{{/plantSystemClock}}{{^plantSystemClock}}this.clock.now().getTime();{{/plantSystemClock}}
  }
{{/dueFirst}}{{#DayMethod}}
  /** The calendar day of {{DateField}} (YYYY-MM-DD), as printed on receipts and reminders. */
  {{DayMethod}}(): string {
    return this.{{DateField}}.{{#plantLocalDay}}toLocaleDateString('en-CA');{{@timezone-local-day}}{{/plantLocalDay}}{{^plantLocalDay}}toISOString().slice(0, 10);{{/plantLocalDay}}
  }
{{/DayMethod}}}
{{#propsLast}}
export interface {{Entity}}Props {
  id{{#plantClockId}}?{{/plantClockId}}: string;
  {{Owner}}Id: string;
  {{Kind}}: {{Kind|pascal}};
  {{Count}}s: number;
  {{DateField}}: Date | string;
}
{{/propsLast}}
/** Nightly job: {{Renew}}s every due {{Noun}} among `ids`. */
export async function {{Renew}}Due{{Entities}}(repository: TimestampRepository<{{Entity}}>, ids: readonly string[]): Promise<number> {
{{#plantLoadAll}}  const wanted = new Set(ids);
  const all = await repository.findUpdatedSince(new Date(0));{{@performance-load-all}}
{{/plantLoadAll}}{{#plantSaveEach}}  let {{Renewed}} = 0;
{{#plantFindEach}}  for (const id of ids) {
    const {{Entity|camel}} = await repository.findById(id);{{@performance-find-each}}
    if ({{Entity|camel}} === null || !{{Entity|camel}}.isDue()) continue;
{{/plantFindEach}}{{#plantLoadAll}}  for (const {{Entity|camel}} of all) {
    if (!wanted.has({{Entity|camel}}.id) || !{{Entity|camel}}.isDue()) continue;
{{/plantLoadAll}}    {{Entity|camel}}.{{Renew}}();
{{#plantEventsCleared}}    {{Entity|camel}}.clearDomainEvents();{{@events-cleared-before-save}}
{{/plantEventsCleared}}    await repository.save({{Entity|camel}});{{@performance-save-each}}
    {{Renewed}} += 1;
  }
  return {{Renewed}};
{{/plantSaveEach}}{{#plantBatchEach}}{{#plantFindEach}}  const due: {{Entity}}[] = [];
  for (const id of ids) {
    const {{Entity|camel}} = await repository.findById(id);{{@performance-find-each}}
    if ({{Entity|camel}} !== null && {{Entity|camel}}.isDue()) due.push({{Entity|camel}});
  }
{{/plantFindEach}}{{#plantLoadAll}}  const due = all.filter(({{Entity|camel}}) => wanted.has({{Entity|camel}}.id) && {{Entity|camel}}.isDue());
{{/plantLoadAll}}  for (const {{Entity|camel}} of due) {{Entity|camel}}.{{Renew}}();
  for (const {{Entity|camel}} of due) await repository.bulkSave([{{Entity|camel}}]);{{@performance-batch-each}}
  return due.length;
{{/plantBatchEach}}}
