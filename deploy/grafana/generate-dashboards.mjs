// Writes the provisioned Grafana dashboards (deploy/grafana/dashboards/*.json) from the compact
// panel lists below. Edit here, run `node deploy/grafana/generate-dashboards.mjs`, commit both.
// Every expression is evaluated against a live Prometheus by deploy/monitoring/verify.sh.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = process.env.DASHBOARDS_OUT ?? join(dirname(fileURLToPath(import.meta.url)), 'dashboards');
const DS = { type: 'prometheus', uid: 'prometheus' };
const J = 'job="chat-services"';
const RI = '$__rate_interval';
/** HTTP panels show real traffic: health probes and scrapes are left out. */
const APP = 'uri!~"/actuator/.*"';

/** One service's selector; `$instance` is the dashboard variable (All = .*). */
const sel = (service) => `${J}, service="${service}", instance=~"$instance"`;

const ts = (title, unit, targets, opts = {}) => ({ type: 'timeseries', title, unit, targets, ...opts });
const stat = (title, unit, targets, opts = {}) => ({ type: 'stat', title, unit, targets, ...opts });
const q = (expr, legend) => ({ expr, legend });

// Panels shared by every service dashboard: HTTP, JVM and process basics.
const httpPanels = (s) => [
  ts('HTTP requests per second by status', 'reqps', [
    q(`sum by (status) (rate(http_server_requests_seconds_count{${sel(s)}, ${APP}}[${RI}]))`, '{{status}}'),
  ]),
  ts('HTTP latency p50 / p99', 's', [
    q(`histogram_quantile(0.5, sum by (le) (rate(http_server_requests_seconds_bucket{${sel(s)}, ${APP}}[${RI}])))`, 'p50'),
    q(`histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{${sel(s)}, ${APP}}[${RI}])))`, 'p99'),
  ]),
];
const jvmPanels = (s) => [
  ts('CPU usage per instance', 'percentunit', [q(`process_cpu_usage{${sel(s)}}`, '{{instance}}')]),
  ts('Heap used per instance', 'bytes', [
    q(`sum by (instance) (jvm_memory_used_bytes{${sel(s)}, area="heap"})`, '{{instance}}'),
  ]),
  ts('GC pause time per second', 's', [
    q(`sum by (instance) (rate(jvm_gc_pause_seconds_sum{${sel(s)}}[${RI}]))`, '{{instance}}'),
  ]),
  ts('Live threads', 'short', [q(`jvm_threads_live_threads{${sel(s)}}`, '{{instance}}')]),
  ts('Direct buffer memory (Netty)', 'bytes', [
    q(`sum by (instance) (jvm_buffer_memory_used_bytes{${sel(s)}, id="direct"})`, '{{instance}}'),
  ]),
];

const overview = {
  uid: 'chat-overview',
  title: 'Chat / Overview',
  panels: [
    stat('Targets up', 'short', [q(`sum by (service) (up{${J}})`, '{{service}}')], { w: 8 }),
    stat('Open Socket.IO connections', 'short', [q(`sum(chat_socketio_connections{${J}})`, 'connections')], { w: 8 }),
    stat('Messages stored per second', 'short', [
      q(`sum(rate(chat_messages_stored_total{${J}}[${RI}]))`, 'msg/s'),
    ], { w: 8 }),
    ts('Traffic: HTTP requests per second', 'reqps', [
      q(`sum by (service) (rate(http_server_requests_seconds_count{${J}, ${APP}}[${RI}]))`, '{{service}}'),
    ]),
    ts('Latency: HTTP p99', 's', [
      q(`histogram_quantile(0.99, sum by (service, le) (rate(http_server_requests_seconds_bucket{${J}, ${APP}}[${RI}])))`, '{{service}}'),
    ]),
    ts('Errors: share of HTTP 5xx', 'percentunit', [
      q(`(sum by (service) (rate(http_server_requests_seconds_count{${J}, ${APP}, status=~"5.."}[${RI}])) or sum by (service) (rate(http_server_requests_seconds_count{${J}, ${APP}}[${RI}])) * 0) / sum by (service) (rate(http_server_requests_seconds_count{${J}, ${APP}}[${RI}]))`, '{{service}}'),
    ]),
    ts('Latency: message send to delivery p99', 's', [
      q(`histogram_quantile(0.99, sum by (le) (rate(chat_fanout_latency_seconds_bucket{${J}}[${RI}])))`, 'p99'),
    ]),
    ts('Saturation: CPU per service', 'percentunit', [
      q(`max by (service) (process_cpu_usage{${J}})`, '{{service}}'),
    ]),
    ts('Saturation: heap used per service', 'bytes', [
      q(`sum by (service) (jvm_memory_used_bytes{${J}, area="heap"})`, '{{service}}'),
    ]),
    ts('Saturation: Kafka producer buffers', 'short', [
      q(`sum by (service, topic) (chat_kafka_buffer_size{${J}})`, '{{service}} {{topic}}'),
    ]),
    ts('Saturation: pipeline delay p99 (event to effect)', 's', [
      q(`histogram_quantile(0.99, sum by (le) (rate(chat_presence_events_lag_seconds_bucket{${J}}[${RI}])))`, 'presence'),
      q(`histogram_quantile(0.99, sum by (le) (rate(chat_logging_index_lag_seconds_bucket{${J}}[${RI}])))`, 'logging'),
    ]),
  ],
};

const gateway = {
  uid: 'chat-gateway',
  title: 'Chat / Gateway',
  service: 'gateway-service',
  panels: [
    ts('Route requests per second', 'reqps', [
      q(`sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count{${sel('gateway-service')}}[${RI}]))`, '{{routeId}}'),
    ]),
    ts('Route latency p99', 's', [
      q(`histogram_quantile(0.99, sum by (routeId, le) (rate(spring_cloud_gateway_requests_seconds_bucket{${sel('gateway-service')}}[${RI}])))`, '{{routeId}}'),
    ]),
    ts('Route responses by status', 'reqps', [
      q(`sum by (httpStatusCode) (rate(spring_cloud_gateway_requests_seconds_count{${sel('gateway-service')}}[${RI}]))`, '{{httpStatusCode}}'),
    ]),
    // The counter appears with the first 429; "or ... * 0" draws a zero line until then.
    ts('Rate-limited requests per second', 'reqps', [
      q(`sum by (policy) (rate(chat_gateway_rate_limited_total{${sel('gateway-service')}}[${RI}])) or sum(rate(spring_cloud_gateway_requests_seconds_count{${sel('gateway-service')}}[${RI}])) * 0`, '{{policy}}'),
    ]),
    ts('Redis commands per second (rate limiter)', 'ops', [
      q(`sum by (db_operation) (rate(lettuce_seconds_count{${sel('gateway-service')}}[${RI}]))`, '{{db_operation}}'),
    ]),
    ts('WebSockets relayed to messaging', 'short', [
      q(`sum by (instance) (chat_gateway_websockets{${sel('gateway-service')}})`, '{{instance}}'),
    ]),
    ...httpPanels('gateway-service'),
    ...jvmPanels('gateway-service'),
  ],
};

const messaging = {
  uid: 'chat-messaging',
  title: 'Chat / Messaging',
  service: 'messaging-service',
  panels: [
    ts('Open connections and authenticated sockets per instance', 'short', [
      q(`sum by (instance) (chat_socketio_connections{${sel('messaging-service')}})`, 'connections {{instance}}'),
      q(`sum by (instance) (chat_socketio_sockets{${sel('messaging-service')}})`, 'sockets {{instance}}'),
    ]),
    ts('Messages stored per second', 'short', [
      q(`sum by (room_type) (rate(chat_messages_stored_total{${sel('messaging-service')}}[${RI}]))`, '{{room_type}}'),
    ]),
    ts('Fan-out deliveries per second by event', 'short', [
      q(`sum by (event) (rate(chat_fanout_deliveries_total{${sel('messaging-service')}}[${RI}]))`, '{{event}}'),
    ]),
    ts('Send-to-deliver latency p50 / p99', 's', [
      q(`histogram_quantile(0.5, sum by (le) (rate(chat_fanout_latency_seconds_bucket{${sel('messaging-service')}}[${RI}])))`, 'p50'),
      q(`histogram_quantile(0.99, sum by (le) (rate(chat_fanout_latency_seconds_bucket{${sel('messaging-service')}}[${RI}])))`, 'p99'),
    ]),
    ts('Ack latency p99 by event', 's', [
      q(`histogram_quantile(0.99, sum by (event, le) (rate(chat_socketio_ack_latency_seconds_bucket{${sel('messaging-service')}}[${RI}])))`, '{{event}}'),
    ]),
    ts('Socket.IO frames per second', 'short', [
      q(`sum by (direction) (rate(chat_socketio_frames_total{${sel('messaging-service')}}[${RI}]))`, '{{direction}}'),
    ]),
    ts('MongoDB call latency p99', 's', [
      q(`histogram_quantile(0.99, sum by (operation, le) (rate(chat_mongo_latency_seconds_bucket{${sel('messaging-service')}}[${RI}])))`, '{{operation}}'),
    ]),
    ts('Redis call latency p99', 's', [
      q(`histogram_quantile(0.99, sum by (operation, le) (rate(chat_redis_latency_seconds_bucket{${sel('messaging-service')}}[${RI}])))`, '{{operation}}'),
    ]),
    ts('Kafka produce latency p99', 's', [
      q(`histogram_quantile(0.99, sum by (operation, le) (rate(chat_kafka_latency_seconds_bucket{${sel('messaging-service')}}[${RI}])))`, '{{operation}}'),
    ]),
    ts('Kafka buffer and drops', 'short', [
      q(`sum by (topic) (chat_kafka_buffer_size{${sel('messaging-service')}})`, 'queued {{topic}}'),
      q(`sum by (topic) (increase(chat_kafka_dropped_total{${sel('messaging-service')}}[5m]))`, 'dropped/5m {{topic}}'),
    ]),
    ts('Protocol errors and fan-out publish failures per second', 'short', [
      q(`sum by (kind) (rate(chat_socketio_protocol_errors_total{${sel('messaging-service')}}[${RI}]))`, '{{kind}}'),
      q(`sum(rate(chat_fanout_publish_failures_total{${sel('messaging-service')}}[${RI}]))`, 'fan-out publish failures'),
    ]),
    ...httpPanels('messaging-service'),
    ...jvmPanels('messaging-service'),
  ],
};

const presence = {
  uid: 'chat-presence',
  title: 'Chat / Presence',
  service: 'presence-service',
  panels: [
    stat('Users online', 'short', [q(`max(chat_presence_online_users{${sel('presence-service')}})`, 'online')]),
    ts('Status transitions per second', 'short', [
      q(`sum by (to) (rate(chat_presence_transitions_total{${sel('presence-service')}}[${RI}]))`, 'to {{to}}'),
    ]),
    ts('Connection events consumed per second', 'short', [
      q(`sum by (type) (rate(chat_presence_events_consumed_total{${sel('presence-service')}}[${RI}]))`, '{{type}}'),
    ]),
    ts('Event-to-effect lag p50 / p99', 's', [
      q(`histogram_quantile(0.5, sum by (le) (rate(chat_presence_events_lag_seconds_bucket{${sel('presence-service')}}[${RI}])))`, 'p50'),
      q(`histogram_quantile(0.99, sum by (le) (rate(chat_presence_events_lag_seconds_bucket{${sel('presence-service')}}[${RI}])))`, 'p99'),
    ]),
    ts('Invalid, stale and expired (15 min)', 'short', [
      q(`sum(increase(chat_presence_events_invalid_total{${sel('presence-service')}}[15m]))`, 'invalid (dead-lettered)'),
      q(`sum(increase(chat_presence_events_stale_total{${sel('presence-service')}}[15m]))`, 'stale'),
      q(`sum(increase(chat_presence_connections_expired_total{${sel('presence-service')}}[15m]))`, 'expired connections'),
    ]),
    ts('Activity events dropped (15 min)', 'short', [
      q(`sum by (reason) (increase(chat_presence_activity_dropped_total{${sel('presence-service')}}[15m]))`, '{{reason}}'),
    ]),
    ts('Redis commands per second', 'ops', [
      q(`sum by (db_operation) (rate(lettuce_seconds_count{${sel('presence-service')}}[${RI}]))`, '{{db_operation}}'),
    ]),
    ...httpPanels('presence-service'),
    ...jvmPanels('presence-service'),
  ],
};

const logging = {
  uid: 'chat-logging',
  title: 'Chat / Logging',
  service: 'logging-service',
  panels: [
    ts('Events indexed per second', 'short', [
      q(`sum by (instance) (rate(chat_logging_events_indexed_total{${sel('logging-service')}}[${RI}]))`, '{{instance}}'),
    ]),
    ts('chat-activity consumer lag (records)', 'short', [
      q(`sum by (instance) (chat_logging_consumer_lag_records{${sel('logging-service')}})`, '{{instance}}'),
    ]),
    ts('Bulk request latency p99', 's', [
      q(`histogram_quantile(0.99, sum by (outcome, le) (rate(chat_logging_bulk_latency_seconds_bucket{${sel('logging-service')}}[${RI}])))`, '{{outcome}}'),
    ]),
    ts('Event-to-index lag p50 / p99', 's', [
      q(`histogram_quantile(0.5, sum by (le) (rate(chat_logging_index_lag_seconds_bucket{${sel('logging-service')}}[${RI}])))`, 'p50'),
      q(`histogram_quantile(0.99, sum by (le) (rate(chat_logging_index_lag_seconds_bucket{${sel('logging-service')}}[${RI}])))`, 'p99'),
    ]),
    // Dead letters appear with the first one; "or ... * 0" draws a zero line until then.
    ts('Retries and dead letters (15 min)', 'short', [
      q(`sum by (scope) (increase(chat_logging_bulk_retries_total{${sel('logging-service')}}[15m]))`, 'retried {{scope}}'),
      q(`sum by (reason) (increase(chat_logging_dead_letters_total{${sel('logging-service')}}[15m])) or sum(increase(chat_logging_events_indexed_total{${sel('logging-service')}}[15m])) * 0`, 'dead letters {{reason}}'),
    ]),
    ...httpPanels('logging-service'),
    ...jvmPanels('logging-service'),
  ],
};

function dashboard(spec) {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const panels = spec.panels.map((p, i) => {
    const w = p.w ?? 12;
    const h = p.type === 'stat' ? 5 : 8;
    if (x + w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const gridPos = { h, w, x, y };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return {
      id: i + 1,
      type: p.type,
      title: p.title,
      datasource: DS,
      gridPos,
      fieldConfig: {
        defaults: { unit: p.unit, ...(p.type === 'timeseries' ? { custom: { lineWidth: 1, fillOpacity: 10 } } : {}) },
        overrides: [],
      },
      options:
        p.type === 'stat'
          ? { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value', graphMode: 'area' }
          : { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } },
      targets: p.targets.map((t, k) => ({
        refId: String.fromCharCode(65 + k),
        datasource: DS,
        expr: t.expr,
        legendFormat: t.legend,
        range: true,
      })),
    };
  });
  const templating = spec.service
    ? [
        {
          name: 'instance',
          label: 'Instance',
          type: 'query',
          datasource: DS,
          query: { query: `label_values(up{${J}, service="${spec.service}"}, instance)`, refId: 'instance' },
          definition: `label_values(up{${J}, service="${spec.service}"}, instance)`,
          refresh: 2,
          includeAll: true,
          multi: true,
          allValue: '.*',
          current: { selected: true, text: ['All'], value: ['$__all'] },
          sort: 1,
        },
      ]
    : [];
  return {
    uid: spec.uid,
    title: spec.title,
    tags: ['chat'],
    timezone: 'browser',
    editable: false,
    graphTooltip: 1,
    refresh: '10s',
    schemaVersion: 39,
    version: 1,
    time: { from: 'now-1h', to: 'now' },
    templating: { list: templating },
    links: [{ title: 'Chat dashboards', type: 'dashboards', tags: ['chat'], asDropdown: true }],
    panels,
  };
}

mkdirSync(OUT, { recursive: true });
for (const spec of [overview, gateway, messaging, presence, logging]) {
  writeFileSync(join(OUT, `${spec.uid}.json`), JSON.stringify(dashboard(spec), null, 2) + '\n');
}
console.log(`wrote 5 dashboards to ${OUT}`);
