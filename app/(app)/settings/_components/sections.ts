/** The parts of Settings, each a page of its own at /settings/<slug>, in the order the section list and the sub-navigation show them. */
export const SETTINGS_SECTIONS = [
  { slug: 'tesla', title: 'Tesla connection', says: 'Connect your Tesla account, check each step, disconnect.' },
  { slug: 'preferences', title: 'Units and preferences', says: 'Units, currency, time zone, the solar rule and the API budget.' },
  { slug: 'places', title: 'Places and tariffs', says: 'Home and other places, and the tariffs that price their charges.' },
  { slug: 'sign-in', title: 'Sign-in', says: 'The owner password and the login sessions.' },
  { slug: 'tokens', title: 'API tokens', says: 'Tokens for scripts and other apps using the JSON API.' },
  { slug: 'sync', title: 'Sync', says: 'Sync now, and the history of the last runs.' },
] as const;

export type SettingsSlug = (typeof SETTINGS_SECTIONS)[number]['slug'];

export const settingsHref = (slug: SettingsSlug) => `/settings/${slug}`;
