import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Field, FieldError } from '@/app/(app)/settings/_components/form-ui';

const ERROR_CLASS = 'text-xs text-red-700 dark:text-red-400';

describe("FieldError: the forms' one inline error", () => {
  it('renders the message (with its id, for aria-describedby) and nothing without one', () => {
    expect(renderToStaticMarkup(createElement(FieldError, { message: 'Pick a day', id: 'x-error' }))).toBe(
      `<p id="x-error" class="${ERROR_CLASS}">Pick a day</p>`,
    );
    expect(renderToStaticMarkup(createElement(FieldError, { message: 'Pick a day' }))).toBe(`<p class="${ERROR_CLASS}">Pick a day</p>`);
    expect(renderToStaticMarkup(createElement(FieldError, { message: undefined }))).toBe('');
    expect(renderToStaticMarkup(createElement(FieldError, { message: '' }))).toBe('');
  });

  it("is a Field's error, under its input, named after the field", () => {
    const html = renderToStaticMarkup(
      createElement(Field, { id: 'rate', label: 'Rate', error: 'Too high', children: createElement('input', { id: 'rate' }) }),
    );
    expect(html).toContain(`<input id="rate"/><p id="rate-error" class="${ERROR_CLASS}">Too high</p></div>`);
    expect(
      renderToStaticMarkup(createElement(Field, { id: 'rate', label: 'Rate', children: createElement('input', { id: 'rate' }) })),
    ).not.toContain('<p');
  });
});
