import { clock } from '@/lib/clock';
/**
 * Every signed-in page starts with this: its one h1 and an optional line below. It stamps when the
 * server rendered the page (`data-rendered-at`), which the offline banner shows for cached pages.
 */
export function PageHeader(props: { title: string; children?: React.ReactNode }) {
  return (
    <div data-rendered-at={clock.now().toISOString()} className="space-y-1">
      <h1 className="text-2xl font-semibold tracking-tight text-gray-900 dark:text-gray-50">{props.title}</h1>
      {props.children ? <div className="text-sm text-gray-600 dark:text-gray-400">{props.children}</div> : null}
    </div>
  );
}
