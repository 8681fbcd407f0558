# One image for web nodes, grader workers and the migration job (compose.yaml). npm ci installs the
# Node 26 the project pins; the build step bakes the site so nodes start at once.
FROM node:22-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV NODE_ENV=production
EXPOSE 4321
CMD ["npm", "start"]
