import Link from 'next/link';
import { EmptyState } from '../../_components/empty-state';

export default function VehicleNotFound() {
  return (
    <EmptyState title="No such vehicle">
      No car on this account has that id or VIN.{' '}
      <Link href="/vehicles" className="font-medium text-blue-700 underline dark:text-blue-300">
        See all vehicles
      </Link>
      .
    </EmptyState>
  );
}
