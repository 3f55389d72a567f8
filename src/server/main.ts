import { runServer } from './runtime/run-server.js';

// The server: `npm start` (demo, through tsx) and `npm run start:prod` (node dist/server/main.js)
// both come here. What starting involves is in runtime/run-server.ts.
await runServer();
