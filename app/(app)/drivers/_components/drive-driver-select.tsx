'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { sendJson } from '../../settings/_components/api-errors';
import { FieldError, input } from '../../settings/_components/form-ui';

const RULES = '__rules__';
const NOBODY = '__nobody__';

/** Assigns one drive by hand (PUT /api/drives/:id/driver), or hands it back to the rules. */
export function DriveDriverSelect(props: {
  driveId: string;
  label: string;
  driverId: string | null;
  assignment: 'rule' | 'manual' | null;
  drivers: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const value = props.assignment === 'manual' ? (props.driverId ?? NOBODY) : RULES;

  async function change(next: string) {
    setBusy(true);
    const body = next === RULES ? { assignment: 'rules' } : { driverId: next === NOBODY ? null : next };
    const res = await sendJson(`/api/drives/${props.driveId}/driver`, 'PUT', body);
    setBusy(false);
    if (!res.ok) setError(res.message);
    else {
      setError(null);
      router.refresh();
    }
  }

  return (
    <div>
      <select aria-label={props.label} className={input} value={value} disabled={busy} onChange={(e) => change(e.target.value)}>
        <option value={RULES}>By rules</option>
        {props.drivers.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name} (by hand)
          </option>
        ))}
        <option value={NOBODY}>Nobody (by hand)</option>
      </select>
      <FieldError message={error} />
    </div>
  );
}
