import { createServer, request, type Server } from 'node:http';

/**
 * A load balancer in front of several bot instances: each incoming request goes to the next
 * backend in turn, headers (the webhook secret) and body passed through unchanged.
 */
export async function startRoundRobinProxy(backends: () => number[]): Promise<{ url: string; server: Server; counts: number[]; close(): Promise<void> }> {
  let next = 0;
  const counts: number[] = [];
  const server = createServer((req, res) => {
    const ports = backends();
    const index = next++ % ports.length;
    counts[index] = (counts[index] ?? 0) + 1;
    const upstream = request(
      { host: '127.0.0.1', port: ports[index], path: req.url, method: req.method, headers: req.headers },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    counts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
