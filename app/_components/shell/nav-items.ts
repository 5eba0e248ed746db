/** The signed-in app's sections, in nav order. `icon` names a glyph in nav-icons.tsx. */
export const NAV_ITEMS = [
  { href: '/', label: 'Dashboard', icon: 'dashboard' },
  { href: '/vehicles', label: 'Vehicles', icon: 'vehicles' },
  { href: '/charging', label: 'Charging', icon: 'charging' },
  { href: '/energy', label: 'Energy', icon: 'energy' },
  { href: '/drivers', label: 'Drivers', icon: 'drivers' },
  { href: '/settings', label: 'Settings', icon: 'settings' },
] as const;

export type NavIconName = (typeof NAV_ITEMS)[number]['icon'];

/** A section is current on its own path and below it; the dashboard only on `/` itself. */
export function isCurrentSection(pathname: string, href: string): boolean {
  if (href === '/') return pathname === '/';
  return pathname === href || pathname.startsWith(`${href}/`);
}
