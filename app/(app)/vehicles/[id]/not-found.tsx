import { NotFoundPage } from '../../_components/not-found-page';

export default function VehicleNotFound() {
  return (
    <NotFoundPage
      what="No such vehicle: no car on this account has that id or VIN."
      back={{ href: '/vehicles', label: 'See all vehicles' }}
    />
  );
}
