# syntax=docker/dockerfile:1
# drover's controller image:
#   docker build -t drover:0.1.0 .
#   docker run --rm drover:0.1.0 controller --repo https://git.example.com/models.git --listen 0.0.0.0:9090
# The image needs neither git nor an ssh client: isomorphic-git and ssh2 are pure JavaScript.

# Build stage: compile TypeScript into dist/ (tsc), then bundle the command line (scripts/bundle.ts):
# dist/ and the production dependencies are all the runtime needs.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would run tsc before the sources are here; the build below does it.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY controller ./controller
COPY renderers ./renderers
COPY schema ./schema
COPY scripts/bundle.ts ./scripts/
RUN npm run build

# Runtime stage: production dependencies and dist/ only, as a non-root user (uid and gid 10001).
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# package.json stays: it makes dist/*.js ES modules ("type": "module").
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && npm cache clean --force
COPY --from=build /src/dist ./dist
RUN groupadd --system --gid 10001 drover \
  && useradd --system --uid 10001 --gid 10001 --home-dir /home/drover --create-home \
    --shell /usr/sbin/nologin drover \
  && mkdir -p /var/cache/drover \
  && chown 10001:10001 /var/cache/drover
USER 10001:10001
EXPOSE 9090
ENTRYPOINT ["node", "/app/dist/controller/cli.js"]
CMD ["controller", "--help"]
