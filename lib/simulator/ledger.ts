import {
  BILLING_CATEGORIES,
  DEFAULT_PRICES_USD,
  isBillableStatus,
  type BillingCategory,
  type BillingPrices,
} from '@/lib/fleet-api/billing';

/**
 * Billing ledger: one entry per request the simulator answered, priced as Tesla bills it
 * (status < 500 billable, auth free). Money is kept in integer micro-dollars so totals are exact;
 * Tesla rounds invoices to whole cents (`invoiceUsd`).
 */
export interface LedgerEntry {
  seq: number;
  /** Simulated time of the request, epoch ms. */
  at: number;
  method: string;
  host: string;
  path: string;
  endpoint: string;
  category: BillingCategory;
  status: number;
  billable: boolean;
  usd: number;
  vin: string | null;
  siteId: string | null;
  /** Injected fault kind, if the response was one. */
  fault: string | null;
}

export interface CategoryTotal {
  requests: number;
  billable: number;
  usd: number;
}

export interface LedgerTotals {
  requests: number;
  billable: number;
  usd: number;
  /** Rounded to cents, as Tesla invoices. */
  invoiceUsd: number;
  byCategory: Record<BillingCategory, CategoryTotal>;
}

export class Ledger {
  readonly prices: BillingPrices;
  readonly #entries: LedgerEntry[] = [];
  readonly #micros = new Map<LedgerEntry, number>();

  constructor(prices: Partial<BillingPrices> = {}) {
    this.prices = { ...DEFAULT_PRICES_USD, ...prices };
  }

  record(e: Omit<LedgerEntry, 'seq' | 'billable' | 'usd'>): LedgerEntry {
    const billable = e.category !== 'auth' && isBillableStatus(e.status);
    const micros = billable ? Math.round(this.prices[e.category] * 1e6) : 0;
    const entry: LedgerEntry = { ...e, seq: this.#entries.length + 1, billable, usd: micros / 1e6 };
    this.#entries.push(entry);
    this.#micros.set(entry, micros);
    return entry;
  }

  /** A copy of the entries, optionally only those at or after `since` (sim ms). */
  entries(since?: number): LedgerEntry[] {
    return this.#entries.filter((e) => since === undefined || e.at >= since).map((e) => ({ ...e }));
  }

  totals(since?: number): LedgerTotals {
    const by = Object.fromEntries(BILLING_CATEGORIES.map((c) => [c, { requests: 0, billable: 0, usd: 0 }])) as Record<
      BillingCategory,
      CategoryTotal
    >;
    const microsBy = Object.fromEntries(BILLING_CATEGORIES.map((c) => [c, 0])) as Record<BillingCategory, number>;
    let requests = 0;
    let billable = 0;
    let micros = 0;
    for (const e of this.#entries) {
      if (since !== undefined && e.at < since) continue;
      const m = this.#micros.get(e) ?? 0;
      requests++;
      by[e.category].requests++;
      if (e.billable) {
        billable++;
        by[e.category].billable++;
      }
      microsBy[e.category] += m;
      micros += m;
    }
    for (const c of BILLING_CATEGORIES) by[c].usd = microsBy[c] / 1e6;
    return { requests, billable, usd: micros / 1e6, invoiceUsd: Math.round(micros / 1e4) / 100, byCategory: by };
  }

  /** Total USD of billable requests. */
  costUsd(since?: number): number {
    return this.totals(since).usd;
  }

  clear(): void {
    this.#entries.length = 0;
    this.#micros.clear();
  }
}
