# syntax=docker/dockerfile:1
# Duban (督办): multi-stage build. The first stage installs everything and runs `npm run build`
# (web app precompressed, server bundled); the second keeps the build and the production packages
# only and runs the production start as an unprivileged user.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/duban \
    SEED_DEMO=false \
    WEB_ROOT=/app/dist/web
WORKDIR /app
RUN groupadd --system --gid 10001 duban \
 && useradd --system --uid 10001 --gid duban --home-dir /app --shell /usr/sbin/nologin duban \
 && mkdir -p /var/lib/duban && chown duban:duban /var/lib/duban
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
USER duban
EXPOSE 3000
VOLUME ["/var/lib/duban"]
# Liveness; a load balancer should use /api/ready (database, migrations, queue).
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains: requests in flight finish, new connections are refused, jobs stop at a safe point.
STOPSIGNAL SIGTERM
CMD ["node", "dist/server/main.js"]
