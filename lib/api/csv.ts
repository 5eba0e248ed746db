/**
 * CSV for spreadsheets (RFC 4180: comma-separated, CRLF, fields with comma, quote or line break
 * quoted, quotes doubled). Text cells that a spreadsheet would run as a formula (starting with
 * = + - @, tab or CR) get a leading apostrophe (OWASP CSV injection). Numbers are ours and written
 * as they are, so negative values stay numbers.
 */
export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly CsvValue[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export type CsvColumn<T> = { header: string; value: (row: T) => CsvValue };

/**
 * Streams a CSV: the header line, then one line per row, fetching a batch per pull (keyset pages
 * from `nextBatch`, which gets the previous batch's last row). Backpressure comes from the stream:
 * nothing is fetched until the client reads.
 */
export function csvResponse<T>(
  filename: string,
  columns: readonly CsvColumn<T>[],
  nextBatch: (after: T | undefined) => Promise<T[]>,
): Response {
  const encoder = new TextEncoder();
  let last: T | undefined;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(columns.map((c) => c.header))));
    },
    async pull(controller) {
      if (done) return;
      const rows = await nextBatch(last);
      if (rows.length === 0) {
        done = true;
        controller.close();
        return;
      }
      last = rows.at(-1);
      controller.enqueue(encoder.encode(rows.map((r) => csvLine(columns.map((c) => c.value(r)))).join('')));
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  });
}
