'use client';
import { useState, type RefObject } from 'react';
import { secondary } from './form-ui';

/**
 * Copies the text of `target` with the Clipboard API and says "Copied". Where the browser refuses
 * (no permission, an insecure origin, no API at all), it selects the text instead and says to copy
 * it by hand, so the token is never lost behind a silent failure.
 */
export function CopyButton(props: { target: RefObject<HTMLElement | null>; label: string }) {
  const [result, setResult] = useState<string | null>(null);

  async function copy() {
    const el = props.target.current;
    if (!el) return;
    const text = (el.textContent ?? '').trim();
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setResult('Copied');
    } catch {
      const range = document.createRange();
      range.selectNodeContents(el);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      setResult('The browser refused to copy: the token is selected, copy it with Ctrl+C (⌘C on a Mac).');
    }
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button type="button" className={secondary} onClick={copy} aria-label={props.label}>
        Copy
      </button>
      <span aria-live="polite" data-testid="copy-result">
        {result}
      </span>
    </span>
  );
}
