// `serwist build` (after `next build`): bundles app/sw.ts into public/sw.js with the precache manifest.
import { serwist } from '@serwist/next/config';

export default await serwist({ swSrc: 'app/sw.ts', swDest: 'public/sw.js' });
