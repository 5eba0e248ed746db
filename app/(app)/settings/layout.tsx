import { PageHeader } from '../_components/page-header';
import { SettingsFrame } from './_components/settings-frame';

/**
 * Settings: the section list at /settings, each section a page of its own (/settings/<slug>, see
 * _components/sections.ts) with the sub-navigation beside it from `lg` and a way back on phones.
 * The service worker never saves any of these pages (app/_lib/saved-pages.ts).
 */
export default function SettingsLayout(props: { children: React.ReactNode }) {
  return (
    <>
      <PageHeader title="Settings" />
      <SettingsFrame>{props.children}</SettingsFrame>
    </>
  );
}
