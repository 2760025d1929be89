/**
 * Focuses a field by id. Radio and checkbox groups are fieldsets: their checked option
 * (or first option) takes the focus, as the keyboard would give it.
 */
export function focusControl(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  if (element instanceof HTMLFieldSetElement) {
    const target = element.querySelector<HTMLInputElement>('input:checked') ?? element.querySelector<HTMLInputElement>('input');
    target?.focus();
    return;
  }
  element.focus();
}
