import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  env_file?: unknown;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
};

describe('deployment files', () => {
  it('docker-compose.yml: Redis without eviction and with AOF, MongoDB, one web and one worker, .env read', () => {
    const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
      services: Record<string, Service>;
    };
    const { redis, mongo, web, worker } = compose.services;
    expect(redis?.image).toBe('redis:7');
    const redisArgs = (redis?.command ?? []).join(' ');
    expect(redisArgs).toContain('--maxmemory-policy noeviction');
    expect(redisArgs).toContain('--appendonly yes');
    expect(mongo?.image).toBe('mongo:7');
    expect(web?.command).toEqual(['web']);
    expect(worker?.command).toEqual(['worker']);
    for (const process of [web, worker]) {
      expect(process?.build).toBe('.');
      expect(process?.env_file).toBe('.env');
      expect(process?.environment).toMatchObject({
        REDIS_URL: 'redis://redis:6379',
        MONGO_URL: 'mongodb://mongo:27017/redress',
      });
      expect(process?.depends_on).toEqual({
        redis: { condition: 'service_healthy' },
        mongo: { condition: 'service_healthy' },
      });
    }
    expect(web?.ports).toEqual(['3000:3000']);
    expect(worker?.ports).toBeUndefined();
  });

  it('Dockerfile: two stages on node:20-slim, production dependencies only, not root, a health check', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    expect(dockerfile.match(/^FROM node:20-slim/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist/m);
  });

  it('CI: the whole suite on a hosted runner with mongo:7 and redis:7 services, Chromium from Debian', () => {
    const workflow = parse(readFileSync('.github/workflows/ci.yml', 'utf8')) as {
      jobs: Record<
        string,
        {
          services: Record<string, { image: string }>;
          env: Record<string, string>;
          steps: { run?: string }[];
        }
      >;
    };
    const [job] = Object.values(workflow.jobs);
    expect(
      Object.values(job?.services ?? {})
        .map((s) => s.image)
        .sort(),
    ).toEqual(['mongo:7', 'redis:7']);
    expect(job?.env.MONGO_URL).toMatch(/^mongodb:\/\//);
    expect(job?.steps.some((s) => s.run === 'bash .ci/run')).toBe(true);
    const ci = readFileSync('.ci/run', 'utf8');
    expect(ci).toContain('/usr/bin/chromium');
    expect(ci).toContain('apt-get install -y');
    expect(ci).toContain('npm test');
  });
});
