# Redress: the web process and the worker are the same image; the command picks the role (web, worker, all).

# Build: compile the TypeScript with every dependency the compiler needs.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY handlers ./handlers
COPY jobs ./jobs
RUN npm run build

# Run: production dependencies and the compiled code only, as the unprivileged `node` user.
FROM node:20-slim
ENV NODE_ENV=production
# The report charts are drawn in the worker and need fonts with Chinese glyphs.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY policy.example.yaml ./
USER node
EXPOSE 3000
# Both roles answer GET /healthz on PORT: the web process with the app, the worker with a small server of its own.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/src/main.js"]
CMD ["all"]
