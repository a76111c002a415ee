/**
 * The controls beside the editor (runtime, CPUs, switch interval, check interval,
 * seed) and the compare set. Reads and writes the form; validation lives in
 * controls.ts. Each interval control is shown only while its GIL is in effect.
 */
import { isRuntimeName, runtimeNames, runtimes, type RuntimeName } from '../sim/runtimes';
import { controlInputs, describeExtra, intervalControlsShown, intervalLabels, parseControls, runtimeTitle, variantLabel, type ControlInputs, type IntervalControl, type RunControls, type VariantChoice } from './controls';
import type { RunVariant } from './protocol';

let formCount = 0;

function field(labelText: string, control: HTMLInputElement | HTMLSelectElement, name: string): { wrapper: HTMLElement; label: HTMLLabelElement; error: HTMLElement } {
  const wrapper = document.createElement('div');
  wrapper.className = `gil-field gil-field-${name}`;
  const label = document.createElement('label');
  const id = `gil-${name}-${formCount}`;
  label.htmlFor = id;
  label.textContent = labelText;
  control.id = id;
  control.name = name;
  const error = document.createElement('span');
  error.className = 'gil-field-error';
  error.id = `${id}-error`;
  error.setAttribute('aria-live', 'polite');
  control.setAttribute('aria-describedby', error.id);
  wrapper.append(label, control, error);
  return { wrapper, label, error };
}

function runtimeSelect(emptyLabel: string): HTMLSelectElement {
  const select = document.createElement('select');
  select.append(new Option(emptyLabel, ''));
  for (const name of runtimeNames) select.append(new Option(runtimeTitle(name), name));
  for (const option of select.options) if (option.value) option.title = runtimes[option.value as keyof typeof runtimes].label;
  return select;
}

function numberInput(min: number, max: number, step: string, placeholder: string): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'number';
  input.inputMode = 'decimal';
  input.min = String(min);
  input.max = String(max);
  input.step = step;
  input.placeholder = placeholder;
  return input;
}

export class ControlsView {
  readonly element: HTMLElement;
  #inputs: Record<keyof ControlInputs, HTMLInputElement | HTMLSelectElement>;
  #errors: Record<keyof ControlInputs, HTMLElement>;
  #intervalFields: Record<IntervalControl, HTMLElement>;
  #compare: HTMLInputElement;
  #variantList: HTMLElement;
  #onChange: () => void;
  #scenarioRuntime: RuntimeName | undefined;

  constructor(initial: RunControls, variants: VariantChoice[], onChange: () => void) {
    formCount++;
    this.#onChange = onChange;
    this.element = document.createElement('fieldset');
    this.element.className = 'gil-controls';
    const legend = document.createElement('legend');
    legend.textContent = 'Run with (empty = as the scenario says)';
    const runtime = field('Runtime', runtimeSelect("Scenario's runtime"), 'runtime');
    const cpus = field('CPUs', numberInput(1, 64, '1', 'scenario'), 'cpus');
    const switchInterval = field(intervalLabels.switchIntervalMs, numberInput(0, 10000, 'any', 'default'), 'switchIntervalMs');
    const checkInterval = field(intervalLabels.checkInterval, numberInput(0, 10000, '1', 'default'), 'checkInterval');
    const seed = field('Seed', numberInput(0, 4294967295, '1', 'scenario'), 'seed');
    this.#intervalFields = { switchIntervalMs: switchInterval.wrapper, checkInterval: checkInterval.wrapper };
    this.#inputs = {
      runtime: runtime.wrapper.querySelector('select')!,
      cpus: cpus.wrapper.querySelector('input')!,
      switchIntervalMs: switchInterval.wrapper.querySelector('input')!,
      checkInterval: checkInterval.wrapper.querySelector('input')!,
      seed: seed.wrapper.querySelector('input')!,
    };
    this.#errors = { runtime: runtime.error, cpus: cpus.error, switchIntervalMs: switchInterval.error, checkInterval: checkInterval.error, seed: seed.error };
    for (const input of Object.values(this.#inputs)) input.addEventListener('change', () => this.#changed());
    const compareLabel = document.createElement('label');
    compareLabel.className = 'gil-compare-toggle';
    this.#compare = document.createElement('input');
    this.#compare.type = 'checkbox';
    this.#compare.name = 'compare';
    compareLabel.append(this.#compare, ' Compare');
    this.#variantList = document.createElement('div');
    this.#variantList.className = 'gil-variants';
    this.#variantList.hidden = true;
    this.#compare.addEventListener('change', () => {
      this.#variantList.hidden = !this.#compare.checked;
      this.#changed();
    });
    const add = document.createElement('button');
    add.type = 'button';
    add.textContent = 'Add a run';
    add.addEventListener('click', () => {
      this.#addVariant({ label: '', controls: { runtime: 'cpython-3.12', cpus: 2 } });
      this.#changed();
    });
    const rows = document.createElement('div');
    rows.className = 'gil-variant-rows';
    this.#variantList.append(rows, add);
    for (const variant of variants) this.#addVariant(variant);
    this.element.append(legend, runtime.wrapper, cpus.wrapper, switchInterval.wrapper, checkInterval.wrapper, seed.wrapper, compareLabel, this.#variantList);
    this.set(initial);
  }

  /** Put settings into the form. */
  set(controls: RunControls): void {
    const inputs = controlInputs(controls);
    for (const key of Object.keys(this.#inputs) as (keyof ControlInputs)[]) this.#inputs[key].value = inputs[key];
    this.#refreshIntervals();
    for (const error of Object.values(this.#errors)) error.textContent = '';
  }

  /**
   * The runtime the scenario's code names: which interval control is in effect when
   * the controls leave the runtime alone.
   */
  set scenarioRuntime(runtime: RuntimeName | undefined) {
    if (runtime === this.#scenarioRuntime) return;
    this.#scenarioRuntime = runtime;
    this.#refreshIntervals();
  }

  #changed(): void {
    this.#refreshIntervals();
    this.#onChange();
  }

  /** Show each interval control whose GIL one of the runs uses (each compare run's runtime, in compare mode). */
  #refreshIntervals(): void {
    const runtime = (value: string): RuntimeName | undefined => (isRuntimeName(value) ? value : undefined);
    const base = runtime(this.#inputs.runtime.value) ?? this.#scenarioRuntime;
    const rows = this.#compare.checked ? [...this.#variantList.querySelectorAll('.gil-variant select')] as HTMLSelectElement[] : [];
    const shown = intervalControlsShown(...(rows.length ? rows.map((select) => runtime(select.value) ?? base) : [base]));
    for (const [control, wrapper] of Object.entries(this.#intervalFields)) wrapper.hidden = !shown.has(control as IntervalControl);
  }

  /**
   * Read and validate the form; shows a message beside each wrong field. A hidden
   * interval control is not in effect: it keeps what was typed in it (shown again
   * if its GIL comes back) but is neither read nor checked.
   */
  read(): RunControls | undefined {
    const inEffect = (key: string) => !(this.#intervalFields as Record<string, HTMLElement | undefined>)[key]?.hidden;
    const parsed = parseControls(Object.fromEntries(Object.entries(this.#inputs).map(([key, input]) => [key, inEffect(key) ? input.value : ''])));
    for (const [key, error] of Object.entries(this.#errors)) {
      const message = parsed.ok ? '' : (parsed.errors[key as keyof RunControls] ?? '');
      error.textContent = message;
      this.#inputs[key as keyof ControlInputs].setAttribute('aria-invalid', String(Boolean(message)));
    }
    return parsed.ok ? parsed.controls : undefined;
  }

  /** Is compare mode on? */
  get comparing(): boolean {
    return this.#compare.checked;
  }

  set comparing(on: boolean) {
    this.#compare.checked = on;
    this.#variantList.hidden = !on;
    this.#refreshIntervals();
  }

  /** The compare set as written ('' when not comparing): changes when any run of it changes. */
  get compareSet(): string {
    if (!this.comparing) return '';
    return JSON.stringify([...this.#variantList.querySelectorAll('.gil-variant')].map((row) => [row.querySelector('select')!.value, row.querySelector('input')!.value]));
  }

  /** The runs to make: one with the controls, or the compare set (each over the controls). */
  variants(base: RunControls): RunVariant[] | undefined {
    if (!this.comparing) return [{ label: variantLabel(base), controls: base }];
    const variants: RunVariant[] = [];
    let valid = true;
    for (const row of this.#variantList.querySelectorAll<HTMLElement>('.gil-variant')) {
      const select = row.querySelector('select')!;
      const input = row.querySelector('input')!;
      const error = row.querySelector('.gil-field-error')!;
      const parsed = parseControls({ runtime: select.value, cpus: input.value });
      error.textContent = parsed.ok ? '' : Object.values(parsed.errors).join(' ');
      if (!parsed.ok) valid = false;
      else {
        const controls = { ...base, ...parsed.controls };
        const given = row.dataset.label;
        // A chapter's label stays while its runtime and CPUs are untouched.
        const untouched = given && select.value === row.dataset.runtime && input.value === row.dataset.cpus;
        const extra = row.dataset.extra ? (JSON.parse(row.dataset.extra) as RunVariant['extra']) : undefined;
        variants.push({ label: variantLabel(controls, { scenarioRuntime: this.#scenarioRuntime, given: untouched ? given : undefined, extra }), controls, extra });
      }
    }
    return valid && variants.length ? variants : undefined;
  }

  #addVariant(variant: VariantChoice): void {
    const controls = variant.controls;
    const row = document.createElement('div');
    row.className = 'gil-variant';
    if (variant.label) row.dataset.label = variant.label;
    row.dataset.runtime = controls.runtime ?? '';
    row.dataset.cpus = controls.cpus === undefined ? '' : String(controls.cpus);
    if (variant.extra) row.dataset.extra = JSON.stringify(variant.extra);
    const select = runtimeSelect("Scenario's runtime");
    select.value = controls.runtime ?? '';
    select.setAttribute('aria-label', 'Runtime of this run');
    const cpus = numberInput(1, 64, '1', 'scenario');
    cpus.value = controls.cpus === undefined ? '' : String(controls.cpus);
    cpus.setAttribute('aria-label', 'CPUs of this run');
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Remove';
    remove.addEventListener('click', () => {
      row.remove();
      this.#changed();
    });
    for (const input of [select, cpus]) input.addEventListener('change', () => this.#changed());
    const error = document.createElement('span');
    error.className = 'gil-field-error';
    error.setAttribute('aria-live', 'polite');
    row.append(select, cpus);
    if (variant.extra) {
      const fixed = document.createElement('span');
      fixed.className = 'gil-variant-extra';
      fixed.textContent = describeExtra(variant.extra);
      row.append(fixed);
    }
    row.append(remove, error);
    this.#variantList.querySelector('.gil-variant-rows')!.append(row);
  }
}
