/** `el('button', { type: 'button' }, 'text')`: a small DOM builder, so the views read like their markup. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { attrs?: Record<string, string> } = {},
  ...kids: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const { attrs, ...rest } = props;
  const e = Object.assign(document.createElement(tag), rest);
  for (const [k, v] of Object.entries(attrs ?? {})) e.setAttribute(k, v);
  e.append(...kids);
  return e;
}

/**
 * A row of tabs (WAI-ARIA tabs pattern): arrow keys move between tabs, each tab shows its panel.
 * Returns `select(i)` so a caller can switch views after an action.
 */
export function tabs(labels: string[], panels: HTMLElement[], onSelect?: (i: number) => void): { list: HTMLElement; select(i: number): void; label(i: number, text: string): void } {
  const list = el('div', { className: 'tabs', attrs: { role: 'tablist' } });
  const buttons = labels.map((text, i) => {
    const b = el('button', { type: 'button', className: 'tab', textContent: text, id: `tab-${i}`, attrs: { role: 'tab', 'aria-controls': `panel-${i}` } });
    panels[i]!.id = `panel-${i}`;
    panels[i]!.setAttribute('role', 'tabpanel');
    panels[i]!.setAttribute('aria-labelledby', `tab-${i}`);
    b.addEventListener('click', () => select(i));
    b.addEventListener('keydown', (ev) => {
      const d = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
      if (!d) return;
      ev.preventDefault();
      const j = (i + d + labels.length) % labels.length;
      select(j);
      buttons[j]!.focus();
    });
    return b;
  });
  list.append(...buttons);
  function select(i: number): void {
    buttons.forEach((b, j) => {
      b.setAttribute('aria-selected', String(i === j));
      b.tabIndex = i === j ? 0 : -1;
      panels[j]!.hidden = i !== j;
    });
    onSelect?.(i);
  }
  select(0);
  return { list, select, label: (i, text) => void (buttons[i]!.textContent = text) };
}
