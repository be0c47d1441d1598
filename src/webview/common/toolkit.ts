/**
 * The only module that knows about @vscode/webview-ui-toolkit (deprecated 2025-01-01, pinned at
 * 1.4.0). Everything else asks for controls through these functions, so the set can move to a
 * maintained one (e.g. @vscode-elements/elements) by rewriting this file alone.
 *
 * Under the webview CSP (`style-src ${cspSource}`, no 'unsafe-inline'), measured in test/webview:
 * - the toolkit styles its elements with constructable stylesheets (adoptedStyleSheets), which the
 *   policy does not block: buttons, checkboxes and text fields render and work;
 * - vscode-badge and vscode-progress-ring are NOT used: their templates carry `style="…"`
 *   attributes, which the policy blocks (style-src-attr violations); we draw those ourselves;
 * - at load, FAST's focus-visible feature test appends an empty <style> element, which the policy
 *   blocks (one style-src-elem report in the console). The test then fails safe and the controls
 *   use :focus instead of :focus-visible. Nothing else is affected.
 */
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeCheckbox, vsCodeTextField } from '@vscode/webview-ui-toolkit';

let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeCheckbox(), vsCodeTextField());
}

export interface ButtonOptions {
  label: string;
  title?: string;
  appearance?: 'primary' | 'secondary' | 'icon';
  onClick: () => void;
}

export function button(opts: ButtonOptions): HTMLElement {
  register();
  const el = document.createElement('vscode-button');
  el.textContent = opts.label;
  el.setAttribute('appearance', opts.appearance ?? 'secondary');
  if (opts.title) {
    el.title = opts.title;
    el.setAttribute('aria-label', opts.title);
  }
  el.addEventListener('click', () => {
    if (!el.hasAttribute('disabled')) opts.onClick();
  });
  return el;
}

/** A two-state button (aria-pressed) for options such as "regex" or "match case". */
export interface Toggle {
  element: HTMLElement;
  get pressed(): boolean;
  set pressed(v: boolean);
}

export function toggleButton(label: string, title: string, onChange: (pressed: boolean) => void): Toggle {
  let pressed = false;
  const el = button({ label, title, appearance: 'icon', onClick: () => { t.pressed = !pressed; onChange(pressed); } });
  el.classList.add('toggle');
  const t: Toggle = {
    element: el,
    get pressed() { return pressed; },
    set pressed(v: boolean) {
      pressed = v;
      el.setAttribute('aria-pressed', String(v));
      el.classList.toggle('pressed', v);
    },
  };
  t.pressed = false;
  return t;
}

export interface Checkbox {
  element: HTMLElement;
  get checked(): boolean;
  set checked(v: boolean);
}

export function checkbox(label: string, onChange: (checked: boolean) => void): Checkbox {
  register();
  const el = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
  el.textContent = label;
  // The toolkit fires 'change' also when `checked` is set from code; only forward user changes.
  let quiet = false;
  el.addEventListener('change', () => { if (!quiet) onChange(el.checked); });
  return {
    element: el,
    get checked() { return el.checked; },
    set checked(v: boolean) { quiet = true; el.checked = v; quiet = false; },
  };
}

export interface TextField {
  element: HTMLElement;
  get value(): string;
  set value(v: string);
  focus(): void;
}

export function textField(placeholder: string, ariaLabel: string, onInput: (value: string) => void): TextField {
  register();
  const el = document.createElement('vscode-text-field') as HTMLElement & { value: string };
  el.setAttribute('placeholder', placeholder);
  el.setAttribute('aria-label', ariaLabel);
  el.addEventListener('input', () => onInput(el.value));
  return {
    element: el,
    get value() { return el.value ?? ''; },
    set value(v: string) { el.value = v; },
    focus: () => el.focus(),
  };
}
