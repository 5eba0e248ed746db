import { notFound } from 'next/navigation';

/** Any path no page claims: the signed-in shell's 404 (not-found.tsx beside the layout), not Next's bare one. */
export default function Missing(): never {
  notFound();
}
