import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one app instance (its own registry, so tests can run several). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mailroom_' });
  return {
    registry,
    httpRequests: new Counter({ name: 'mailroom_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    httpDuration: new Histogram({ name: 'mailroom_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry] }),
    wsConnections: new Gauge({ name: 'mailroom_ws_connections', help: 'Open WebSocket connections', registers: [registry] }),
    eventsDelivered: new Counter({ name: 'mailroom_events_delivered_total', help: 'Event frames handed to sockets', registers: [registry] }),
    outboxDepth: new Gauge({ name: 'mailroom_outbox_messages', help: 'Outgoing mail queue depth by status', labelNames: ['status'], registers: [registry] }),
    outboxLatency: new Histogram({ name: 'mailroom_outbox_send_latency_seconds', help: 'From queued to accepted by the SMTP server', buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 3600], registers: [registry] }),
    outboxFailures: new Counter({ name: 'mailroom_outbox_failures_total', help: 'Deliveries not accepted, by problem code', labelNames: ['code'], registers: [registry] }),
    jobs: new Counter({ name: 'mailroom_jobs_total', help: 'Jobs finished by queue and outcome', labelNames: ['queue', 'outcome'], registers: [registry] }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
