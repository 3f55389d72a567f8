import { z } from 'zod';

// Imported first by main.tsx, before any schema is made: zod's fast path compiles validators with
// `new Function`, and probing for it is a violation of the app's Content-Security-Policy (no
// 'unsafe-eval'), reported even though zod catches the error. Without it zod validates as usual.
z.config({ jitless: true });
