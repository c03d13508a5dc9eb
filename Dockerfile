# The GitHub App (Probot server) as a container: `docker build -t maestro-app .`, then
# `docker run --env-file .env -p 3000:3000 maestro-app`. docs/github-setup.md → Deploying.

# Build stage: TypeScript is a devDependency, so lib/ is compiled here and only lib/ moves on.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
# --ignore-scripts: `prepare` would run tsc before the sources are copied.
RUN npm ci --ignore-scripts
COPY src ./src
RUN npx tsc -p tsconfig.build.json

FROM node:24-slim
# git: discovery reads a shallow clone of the repository (src/adapters/git/shallow-checkout.ts).
RUN apt-get update \
  && apt-get install -y --no-install-recommends git ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/lib ./lib
COPY app.yml ./
# The image's own unprivileged user (uid 1000); nothing under /app is writable by it.
USER node
EXPOSE 3000
# /healthz answers while the process is up; /readyz (GitHub, Redis) is for a load balancer.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node as PID 1 receives SIGTERM itself (no npm wrapper swallowing it): graceful stop.
CMD ["node", "lib/app/server.js"]
