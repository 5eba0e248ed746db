import { EmptyState } from './empty-state';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The honest placeholder of a section whose panels are not built yet. With no rows it says the
 * sync has stored nothing; with rows it says how many there are, never more.
 */
export function NotBuiltYet(props: { stored: number; one: string; many: string }) {
  if (props.stored === 0) {
    return (
      <EmptyState title={`No ${props.many} yet`}>
        Nothing here yet: the sync has not stored any {props.many}. Connect a Tesla account or wait for the demo data.
      </EmptyState>
    );
  }
  return (
    <EmptyState title={`${plural(props.stored, props.one, props.many)} stored`}>
      The sync has stored {plural(props.stored, props.one, props.many)}. This page cannot show the details yet; the dashboard counts what is stored.
    </EmptyState>
  );
}
