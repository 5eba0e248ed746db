/**
 * One table, two presentations (CSS only): from `sm` (640 px) a table; below it each row is a card,
 * a grid of its cells, each headed by its column's name from the cell's `data-label` (the header row
 * is hidden there). Cells give their own `col-span-*` for the phone grid (3 columns).
 */

/** The scrolling frame around the table: from `sm` a region that scrolls sideways if it must. */
export const cardTableFrame = 'sm:overflow-x-auto';
export const cardTable = 'block w-full sm:table sm:min-w-full sm:divide-y sm:divide-gray-200 sm:dark:divide-gray-800';
export const cardTableHead = 'hidden sm:table-header-group';
export const cardTableBody = 'block divide-y divide-gray-100 sm:table-row-group dark:divide-gray-800';
export const cardTableRow = 'grid grid-cols-3 gap-x-3 gap-y-2 py-3 sm:table-row sm:py-0';
export const cardTableTh =
  'whitespace-nowrap px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-gray-600 dark:text-gray-400';
/** A cell: on phones a block under its label (`data-label`), from `sm` a table cell. */
export const cardTableCell =
  'block min-w-0 break-words text-sm text-gray-800 dark:text-gray-200 sm:table-cell sm:px-3 sm:py-2 sm:whitespace-nowrap before:block before:text-xs before:font-normal before:text-gray-600 before:content-[attr(data-label)] sm:before:hidden dark:before:text-gray-400';
/** A figure cell: right-aligned in the table, tabular digits. */
export const cardTableFigure = `${cardTableCell} tabular-nums sm:text-right`;
