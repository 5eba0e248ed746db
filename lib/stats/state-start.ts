/** One run-length encoded stretch of the free state check's answers (vehicle_activity). */
export type StateStretch = { state: string; startedAt: Date; lastSeenAt: Date };

/** When the current state began; `observed` false when that is only when the app first saw it. */
export type StateStart = { at: Date; observed: boolean };

/**
 * When the car's current connectivity state began, as far as the recorded stretches tell. Pure.
 *
 * `stretches` are the car's newest first (the current one first). The sync closes a stretch at the
 * check that saw the next state (`lastSeenAt` = the next stretch's `startedAt`), so such a change was
 * observed: the state began between those two checks, and its start is the new stretch's first check.
 * A gap between two stretches means nobody looked (the app was not running): an equal state on both
 * sides is taken to have held through it, unless the car drove or charged after the earlier stretch
 * (`lastActivityAt`, the newest drive's or charge's end, or start while it goes on). A start not
 * preceded by an observed change (the first check ever, or another state before a gap) is only when
 * the app first saw the state: `observed` false.
 */
export function stateStart(stretches: readonly StateStretch[], lastActivityAt: Date | null): StateStart | null {
  const [current] = stretches;
  if (!current) return null;
  let start = current;
  for (const prev of stretches.slice(1)) {
    const contiguous = prev.lastSeenAt.getTime() >= start.startedAt.getTime();
    if (prev.state !== current.state) return { at: start.startedAt, observed: contiguous };
    const didSomething = lastActivityAt !== null && lastActivityAt.getTime() > prev.lastSeenAt.getTime();
    if (!contiguous && didSomething) return { at: start.startedAt, observed: false };
    start = prev;
  }
  return { at: start.startedAt, observed: false };
}
