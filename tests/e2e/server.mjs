// HTTPS server for the end-to-end tests and the demo: serves the fixture CRM pages under their
// real URLs (Chromium maps every host to 127.0.0.1 with --host-resolver-rules), plus test packs.
import { createServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = path.resolve(here, '../fixtures/crm');
const CERT_DIR = path.join(here, '.certs');

function certificate() {
  const key = path.join(CERT_DIR, 'key.pem');
  const cert = path.join(CERT_DIR, 'cert.pem');
  if (!existsSync(key) || !existsSync(cert)) {
    mkdirSync(CERT_DIR, { recursive: true });
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
      '-days', '3650', '-subj', '/CN=crm-coach-fixtures',
    ], { stdio: 'ignore' });
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

/** Routes of tests/fixtures/crm/routes.json: { url, file, expect }. */
export function loadRoutes() {
  const file = path.join(FIXTURES, 'routes.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
}

/** The route serving a URL: same host and path; when several share them, the one whose query matches. */
export function routeFor(routes, url) {
  const u = new URL(url);
  const same = routes.filter((r) => {
    const ru = new URL(r.url);
    return ru.host === u.host && ru.pathname === u.pathname;
  });
  if (same.length <= 1) return same[0];
  return same.find((r) => [...new URL(r.url).searchParams].every(([k, v]) => u.searchParams.get(k) === v)) ?? same[0];
}

/**
 * Starts the server. `extra` maps "host/path" to handlers (req, res) for tests that serve packs.
 * `decorate(html, route)` may change a fixture page as served (the demo adds a stylesheet; tests
 * serve the fixtures as they are). Returns { port, extra, requests, close }.
 */
export async function startServer({ port = 0, decorate = null } = {}) {
  const routes = loadRoutes();
  const extra = new Map();
  const requests = [];
  const server = createServer(certificate(), (req, res) => {
    const host = req.headers.host ?? '';
    const url = new URL(req.url ?? '/', `https://${host.replace(/:\d+$/, '')}`);
    requests.push({ method: req.method, url: url.href, headers: req.headers });
    const handler = extra.get(`${url.host}${url.pathname}`);
    if (handler) return handler(req, res);
    const route = routeFor(routes, url.href);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end(`No fixture for ${url.href}`);
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    const page = readFileSync(path.join(FIXTURES, route.file));
    res.end(decorate ? decorate(page.toString('utf8'), route) : page);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    routes,
    extra,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
