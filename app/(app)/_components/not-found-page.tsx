import { Link } from '@/app/_components/intent-link';
import { PageHeader } from './page-header';

const link = 'font-medium text-blue-700 underline underline-offset-2 dark:text-blue-400';

/**
 * A 404 inside the signed-in shell (the navigation stays): one h1, what was not found, and the way
 * back to the dashboard, plus a nearer one (`back`) where there is one.
 */
export function NotFoundPage(props: { what: string; back?: { href: string; label: string } }) {
  return (
    <div className="space-y-4">
      <PageHeader title="Not found">{props.what}</PageHeader>
      <p className="text-sm text-gray-700 dark:text-gray-300">
        {props.back ? (
          <>
            <Link href={props.back.href} className={link}>
              {props.back.label}
            </Link>{' '}
            or{' '}
          </>
        ) : null}
        <Link href="/" className={link}>
          Back to the dashboard
        </Link>
      </p>
    </div>
  );
}
