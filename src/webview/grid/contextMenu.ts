/**
 * A small context menu in our own DOM (role=menu), usable with the keyboard: arrows move, Enter or
 * Space runs, Escape closes and gives focus back.
 */
export interface MenuItem {
  label: string;
  run: () => void;
  disabled?: boolean;
}
export type MenuEntry = MenuItem | 'separator';

export class ContextMenu {
  private el: HTMLElement | undefined;
  private returnFocus: HTMLElement | undefined;

  open(entries: MenuEntry[], x: number, y: number, returnFocus: HTMLElement): void {
    this.close();
    this.returnFocus = returnFocus;
    const menu = document.createElement('div');
    menu.className = 'context-menu';
    menu.setAttribute('role', 'menu');
    const items: HTMLElement[] = [];
    for (const e of entries) {
      if (e === 'separator') {
        const sep = document.createElement('div');
        sep.className = 'separator';
        sep.setAttribute('role', 'separator');
        menu.appendChild(sep);
        continue;
      }
      const item = document.createElement('div');
      item.className = 'menu-item';
      item.setAttribute('role', 'menuitem');
      item.tabIndex = -1;
      item.textContent = e.label;
      if (e.disabled) item.setAttribute('aria-disabled', 'true');
      const activate = () => {
        if (e.disabled) return;
        this.close();
        e.run();
      };
      item.addEventListener('click', activate);
      item.addEventListener('mousemove', () => item.focus());
      item.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); activate(); }
      });
      menu.appendChild(item);
      items.push(item);
    }
    menu.addEventListener('keydown', (ev) => {
      const i = items.indexOf(document.activeElement as HTMLElement);
      if (ev.key === 'ArrowDown') { ev.preventDefault(); items[(i + 1) % items.length]?.focus(); }
      else if (ev.key === 'ArrowUp') { ev.preventDefault(); items[(i - 1 + items.length) % items.length]?.focus(); }
      else if (ev.key === 'Home') { ev.preventDefault(); items[0]?.focus(); }
      else if (ev.key === 'End') { ev.preventDefault(); items[items.length - 1]?.focus(); }
      else if (ev.key === 'Escape' || ev.key === 'Tab') { ev.preventDefault(); this.close(); }
      ev.stopPropagation();
    });
    document.body.appendChild(menu);
    // Keep the menu inside the window.
    const w = menu.offsetWidth, h = menu.offsetHeight;
    menu.style.left = `${Math.max(0, Math.min(x, window.innerWidth - w - 4))}px`;
    menu.style.top = `${Math.max(0, Math.min(y, window.innerHeight - h - 4))}px`;
    this.el = menu;
    items[0]?.focus();
    setTimeout(() => document.addEventListener('mousedown', this.onOutside, true), 0);
  }

  get isOpen(): boolean {
    return this.el !== undefined;
  }

  close(): void {
    if (!this.el) return;
    document.removeEventListener('mousedown', this.onOutside, true);
    this.el.remove();
    this.el = undefined;
    this.returnFocus?.focus();
  }

  private onOutside = (ev: MouseEvent): void => {
    if (this.el && !this.el.contains(ev.target as Node)) this.close();
  };
}
