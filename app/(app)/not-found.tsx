import { NotFoundPage } from './_components/not-found-page';

/** Any unknown address or charging session under the signed-in app: a 404 inside the shell. */
export default function NotFound() {
  return <NotFoundPage what="There is no page or charging session at this address: it may have been removed, or the link is mistyped." />;
}
