import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Focus on the screen's heading: a screen reader says where the user is, and Tab
 * carries on from the top of that screen. For a screen switch, and when the
 * button focus would go back to is gone.
 */
export function focusScreenHeading(): void {
  const heading = document.querySelector<HTMLElement>('main.screen h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

/**
 * Gives focus back to the button that opened a form or confirmation once it
 * closes, so a keyboard user carries on from where they were instead of from
 * the top of the page. The opener is often hidden while the form is open and
 * drawn anew after, so it is found by a name (`ref={opener('edit')}`), not kept
 * as an element. When it is gone (the thing it acted on was removed), focus
 * goes to the screen's heading rather than falling to the page.
 */
export function useFocusReturn() {
  const openers = useRef(new Map<string, HTMLElement>());
  const [target, setTarget] = useState<{ name: string } | null>(null);

  useEffect(() => {
    if (!target) return;
    const element = openers.current.get(target.name);
    if (element?.isConnected) element.focus();
    else focusScreenHeading();
  }, [target]);

  return {
    /** The ref of a button that opens something, under a name the component chooses. */
    opener: (name: string) => (element: HTMLElement | null) => {
      if (element) openers.current.set(name, element);
    },
    /** When the form or confirmation closes: focus that opener once it is drawn again. */
    returnTo: (name: string) => setTarget({ name }),
  };
}

/**
 * A form refused: focus goes to its first field marked invalid (aria-invalid, whose
 * aria-describedby reads the reason out), so the user hears what to fix and can fix it at once.
 * A problem with the form as a whole (no field) is announced by its alert; focus, which fell
 * to the page when the submit button disabled itself, goes back to that button.
 * `problem` is the form's error state; a new one moves focus again.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLElement | null>, problem: unknown): void {
  useEffect(() => {
    if (!problem || !form.current) return;
    const field = form.current.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) field.focus();
    else if (document.activeElement === document.body || document.activeElement === null)
      form.current.querySelector<HTMLElement>('button[type="submit"]')?.focus();
  }, [form, problem]);
}
