import { errorResponse } from '@/lib/http/errors';

// ANY /api/* with no route – a JSON 404 instead of the HTML not-found page.
const notFound = () => errorResponse(404, 'not_found', 'There is no API endpoint at this path.');
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
