import { MailroomClient } from '@mailroom/sdk';

/** The one API client of the web app: same origin, cookie session, CSRF token learned at sign-in. */
export const client = new MailroomClient();
