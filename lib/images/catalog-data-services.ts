/**
 * Catalog entries of message brokers, search engines, analytics databases,
 * coordination services and object storage: RabbitMQ, Elasticsearch,
 * OpenSearch, ClickHouse, Kafka (Apache, Confluent, Bitnami), ZooKeeper and
 * MinIO. Every fact cites the Dockerfile or entrypoint line it was read from.
 */
import { CatalogEntry } from './types';
import { SERVER_CHECK } from './catalog-checks';
import {
  BITNAMI_KAFKA, BITNAMI_KAFKA_ENV, CLICKHOUSE, CLICKHOUSE_ENTRYPOINT, CP_BASE, CP_KAFKA, CP_KAFKA_CONFIGURE, ELASTICSEARCH,
  ELASTICSEARCH_ENTRYPOINT, KAFKA, KAFKA_CONFIGURE, KAFKA_SERVER_PROPERTIES, KAFKA_SERVER_START, MINIO, OPENSEARCH, OPENSEARCH_ENTRYPOINT, RABBITMQ,
  RABBITMQ_ENTRYPOINT, RABBITMQ_MANAGEMENT, ZOOKEEPER, ZOOKEEPER_ENTRYPOINT
} from './catalog-data-services-sources';

/** JVM servers: a minute or two to start (heap, index or log recovery). */
const JVM_CHECK = { ...SERVER_CHECK, startPeriodSeconds: 120 } as const;

/** Kafka's default heap (`-Xmx1G -Xms1G`) plus metaspace, threads and direct buffers. */
const KAFKA_FLOOR = '1536Mi';

/** The data-service images, in the order they are matched. */
export const DATA_SERVICES: readonly CatalogEntry[] = [
  {
    // One entry serves the plain and the -management tags: the management
    // variant adds the HTTP UI on 15672, where the plain image listens on
    // nothing (a compose file maps 15672 only for the management tag). The
    // entrypoint drops to rabbitmq with gosu only when started as root; as
    // 999 it execs rabbitmq-server directly. The Dockerfile creates
    // /var/log/rabbitmq and /tmp/rabbitmq-ssl world-writable for it.
    repositories: ['rabbitmq'],
    user: { uid: 999, gid: 999 },
    users: { rabbitmq: { uid: 999, gid: 999 } },
    ports: [
      { name: 'amqp', port: 5672, http: false },
      { name: 'amqps', port: 5671, http: false },
      { name: 'prometheus', port: 15692, http: true },
      { name: 'management', port: 15672, http: true },
      { name: 'epmd', port: 4369, http: false },
      { name: 'clustering', port: 25672, http: false },
    ],
    dataPath: '/var/lib/rabbitmq',
    dataSize: '2Gi',
    writablePaths: ['/var/log/rabbitmq', '/tmp'],
    healthcheck: { test: { exec: ['rabbitmq-diagnostics', '-q', 'ping'] }, ...SERVER_CHECK, intervalSeconds: 30, timeoutSeconds: 10 },
    resources: { cpu: '250m', memory: '512Mi' },
    sources: {
      user: [`${RABBITMQ}#L227-L228`, `${RABBITMQ_ENTRYPOINT}#L4-L11`],
      users: `${RABBITMQ}#L227-L228`,
      ports: [`${RABBITMQ}#L320`, `${RABBITMQ}#L301`, `${RABBITMQ_MANAGEMENT}#L13-L14`, `${RABBITMQ_MANAGEMENT}#L41`],
      dataPath: [`${RABBITMQ}#L208`, `${RABBITMQ}#L309`],
      writablePaths: `${RABBITMQ}#L229-L231`,
      healthcheck: [`${RABBITMQ}#L241`, `${RABBITMQ}#L278`],
    },
  },
  {
    // USER 1000:0: the elasticsearch user in the root group, which owns the
    // writable directories. The entrypoint creates config/elasticsearch.keystore
    // when ELASTIC_PASSWORD is set (8.x also writes its generated TLS
    // certificates and settings under config/ on first start), and an emptyDir
    // on config/ would hide elasticsearch.yml and jvm.options. 9200 answers
    // HTTPS once 8.x security auto-configuration runs (plain HTTP only with
    // xpack.security.enabled=false), hence a TCP check and no HTTP route.
    repositories: ['elasticsearch', 'elasticsearch/elasticsearch', 'elastic/elasticsearch'],
    user: { uid: 1000, gid: 0 },
    users: { elasticsearch: { uid: 1000, gid: 1000 } },
    ports: [
      { name: 'rest', port: 9200, http: false },
      { name: 'transport', port: 9300, http: false },
    ],
    dataPath: '/usr/share/elasticsearch/data',
    writablePaths: [],
    writableRootReason: 'Elasticsearch writes its keystore (and, from 8.x, generated TLS settings) under /usr/share/elasticsearch/config at start-up, beside the elasticsearch.yml and jvm.options an emptyDir would hide',
    healthcheck: { test: { tcpPort: 9200 }, ...JVM_CHECK },
    resources: { cpu: '500m', memory: '1Gi' },
    sources: {
      user: [`${ELASTICSEARCH}#L164`, `${ELASTICSEARCH}#L98-L101`, `${ELASTICSEARCH_ENTRYPOINT}#L7-L16`],
      users: `${ELASTICSEARCH}#L98-L99`,
      ports: `${ELASTICSEARCH}#L136`,
      dataPath: [`${ELASTICSEARCH}#L65`, `${ELASTICSEARCH}#L129`],
      writablePaths: `${ELASTICSEARCH}#L129`,
      writableRootReason: [`${ELASTICSEARCH_ENTRYPOINT}#L108-L111`, `${ELASTICSEARCH}#L71-L72`],
      healthcheck: `${ELASTICSEARCH}#L136`,
    },
  },
  {
    // The entrypoint refuses root and, unless DISABLE_INSTALL_DEMO_CONFIG=true,
    // runs the security plugin's install_demo_configuration.sh, which writes
    // demo certificates and settings into config/ and serves 9200 over TLS.
    repositories: ['opensearchproject/opensearch'],
    user: { uid: 1000, gid: 1000 },
    users: { opensearch: { uid: 1000, gid: 1000 } },
    ports: [
      { name: 'rest', port: 9200, http: false },
      { name: 'transport', port: 9300, http: false },
      { name: 'perf-analyzer', port: 9600, http: true },
      { name: 'rca', port: 9650, http: false },
    ],
    dataPath: '/usr/share/opensearch/data',
    writablePaths: [],
    writableRootReason: 'the entrypoint installs the security demo configuration (certificates and opensearch.yml settings) under /usr/share/opensearch/config at start-up, beside the files an emptyDir would hide',
    healthcheck: { test: { tcpPort: 9200 }, ...JVM_CHECK },
    resources: { cpu: '500m', memory: '2Gi' },
    sources: {
      user: [`${OPENSEARCH}#L60-L61`, `${OPENSEARCH}#L89`],
      users: `${OPENSEARCH}#L70-L71`,
      ports: `${OPENSEARCH}#L98-L99`,
      dataPath: `${OPENSEARCH}#L46`,
      writableRootReason: `${OPENSEARCH_ENTRYPOINT}#L33-L39`,
      healthcheck: `${OPENSEARCH}#L98-L99`,
    },
  },
  {
    // As a non-root user the entrypoint skips every chown (DO_CHOWN=0) and runs
    // the server as itself; the Dockerfile makes the data, log and config
    // directories writable for any UID. It writes users.d/default-user.xml when
    // CLICKHOUSE_USER or CLICKHOUSE_PASSWORD is set, and logs under
    // /var/log/clickhouse-server.
    repositories: ['clickhouse/clickhouse-server', 'clickhouse'],
    user: { uid: 101, gid: 101 },
    users: { clickhouse: { uid: 101, gid: 101 } },
    ports: [
      { name: 'http', port: 8123, http: true },
      { name: 'native', port: 9000, http: false },
      { name: 'interserver', port: 9009, http: true },
    ],
    dataPath: '/var/lib/clickhouse',
    writablePaths: ['/var/log/clickhouse-server', '/etc/clickhouse-server/users.d'],
    healthcheck: { test: { httpGet: '/ping', port: 8123 }, ...SERVER_CHECK },
    resources: { cpu: '500m', memory: '1Gi' },
    shutdownSeconds: 60,
    sources: {
      user: [`${CLICKHOUSE}#L19-L20`, `${CLICKHOUSE_ENTRYPOINT}#L14-L22`],
      users: `${CLICKHOUSE}#L19-L20`,
      ports: [`${CLICKHOUSE}#L136`, `${CLICKHOUSE_ENTRYPOINT}#L125-L126`],
      dataPath: `${CLICKHOUSE}#L137`,
      writablePaths: [`${CLICKHOUSE}#L124-L125`, `${CLICKHOUSE_ENTRYPOINT}#L48-L71`, `${CLICKHOUSE_ENTRYPOINT}#L82-L85`],
      healthcheck: `${CLICKHOUSE_ENTRYPOINT}#L125-L126`,
    },
  },
  {
    // USER appuser, created by busybox adduser on eclipse-temurin alpine (the
    // first free UID, 1000, with its own group). The configure step copies
    // log4j and server.properties into /opt/kafka/config, beside the
    // distribution's own config files it copies from. With no KAFKA_* settings
    // the default server.properties keeps the logs in /tmp/kraft-combined-logs;
    // the VOLUME /var/lib/kafka/data holds data only when KAFKA_LOG_DIRS points
    // there (not set here: KAFKA_LOG_DIRS alone would replace the whole default
    // config, which then lacks process.roles).
    repositories: ['apache/kafka'],
    user: { uid: 1000, gid: 1000 },
    users: { appuser: { uid: 1000, gid: 1000 } },
    ports: [{ name: 'kafka', port: 9092, http: false }],
    dataPath: '/var/lib/kafka/data',
    writablePaths: ['/tmp'],
    writableRootReason: 'the entrypoint writes server.properties and log4j settings into /opt/kafka/config, beside the distribution config files it copies from, which an emptyDir would hide',
    healthcheck: { test: { tcpPort: 9092 }, ...JVM_CHECK },
    memoryFloor: KAFKA_FLOOR,
    resources: { cpu: '500m', memory: '2Gi' },
    shutdownSeconds: 60,
    sources: {
      user: [`${KAFKA}#L75`, `${KAFKA}#L91`],
      users: `${KAFKA}#L75`,
      ports: [`${KAFKA}#L47`, `${KAFKA_SERVER_PROPERTIES}#L21`],
      dataPath: `${KAFKA}#L93`,
      writablePaths: [`${KAFKA_SERVER_PROPERTIES}#L22`, `${KAFKA}#L81`],
      writableRootReason: [`${KAFKA_CONFIGURE}#L65`, `${KAFKA}#L76`],
      healthcheck: `${KAFKA}#L47`,
      memoryFloor: `${KAFKA_SERVER_START}#L28-L30`,
    },
  },
  {
    // USER appuser from cp-base-new (useradd's first free UID, 1000, with its
    // own group). /etc/kafka belongs to appuser:root with ug+w: the configure
    // step requires it writable and renders kafka.properties and the log4j2
    // files there at every start, from templates under /etc/confluent/docker
    // (an emptyDir on /etc/kafka keeps them; /etc/kafka/secrets is its own
    // VOLUME). KAFKA_LOG_DIRS defaults to the data VOLUME.
    repositories: ['confluentinc/cp-kafka'],
    user: { uid: 1000, gid: 1000 },
    users: { appuser: { uid: 1000, gid: 1000 } },
    ports: [{ name: 'kafka', port: 9092, http: false }],
    dataPath: '/var/lib/kafka/data',
    writablePaths: ['/etc/kafka', '/var/log/kafka', '/var/log/confluent'],
    healthcheck: { test: { tcpPort: 9092 }, ...JVM_CHECK },
    memoryFloor: KAFKA_FLOOR,
    resources: { cpu: '500m', memory: '2Gi' },
    shutdownSeconds: 60,
    sources: {
      user: [`${CP_BASE}#L110`, `${CP_KAFKA}#L94`],
      users: `${CP_BASE}#L110`,
      ports: `${CP_KAFKA}#L77`,
      dataPath: [`${CP_KAFKA}#L90`, `${CP_KAFKA_CONFIGURE}#L46-L50`],
      writablePaths: [`${CP_KAFKA}#L86-L87`, `${CP_KAFKA_CONFIGURE}#L44`, `${CP_KAFKA_CONFIGURE}#L134-L136`],
      healthcheck: `${CP_KAFKA}#L77`,
      memoryFloor: `${KAFKA_SERVER_START}#L28-L30`,
    },
  },
  {
    // USER 1001 with no passwd entry: group 0, which owns /opt/bitnami (g+rwX).
    // Its setup writes server.properties into /opt/bitnami/kafka/config, beside
    // the distribution's config files, and logs to /opt/bitnami/kafka/logs.
    repositories: ['bitnami/kafka', 'bitnamilegacy/kafka'],
    user: { uid: 1001, gid: 0 },
    ports: [{ name: 'kafka', port: 9092, http: false }],
    dataPath: '/bitnami/kafka',
    writablePaths: [],
    writableRootReason: 'its setup writes server.properties into /opt/bitnami/kafka/config, beside the distribution config files an emptyDir would hide',
    healthcheck: { test: { tcpPort: 9092 }, ...JVM_CHECK },
    memoryFloor: KAFKA_FLOOR,
    resources: { cpu: '500m', memory: '2Gi' },
    shutdownSeconds: 60,
    sources: {
      user: [`${BITNAMI_KAFKA}#L62`, `${BITNAMI_KAFKA}#L47`],
      ports: `${BITNAMI_KAFKA}#L60`,
      dataPath: `${BITNAMI_KAFKA_ENV}#L71-L72`,
      writableRootReason: `${BITNAMI_KAFKA_ENV}#L73-L74`,
      healthcheck: `${BITNAMI_KAFKA}#L60`,
      memoryFloor: `${BITNAMI_KAFKA_ENV}#L120`,
    },
  },
  {
    // The image has no USER: its entrypoint chowns the data directories and
    // drops to zookeeper with gosu only when started as root; started as 1000
    // it skips both. It writes /conf/zoo.cfg on every start where none exists
    // (an emptyDir on /conf hides the shipped logback.xml: ZooKeeper then logs
    // with logback's default console setup).
    repositories: ['zookeeper'],
    user: { uid: 1000, gid: 1000 },
    users: { zookeeper: { uid: 1000, gid: 1000 } },
    ports: [
      { name: 'client', port: 2181, http: false },
      { name: 'follower', port: 2888, http: false },
      { name: 'election', port: 3888, http: false },
      { name: 'admin', port: 8080, http: true },
    ],
    dataPath: '/data',
    dataSize: '1Gi',
    writablePaths: ['/datalog', '/logs', '/conf'],
    healthcheck: { test: { tcpPort: 2181 }, ...JVM_CHECK },
    resources: { cpu: '250m', memory: '1Gi' },
    sources: {
      user: [`${ZOOKEEPER}#L18-L19`, `${ZOOKEEPER_ENTRYPOINT}#L8-L12`],
      users: `${ZOOKEEPER}#L18-L19`,
      ports: [`${ZOOKEEPER}#L77`, `${ZOOKEEPER}#L14`],
      dataPath: [`${ZOOKEEPER}#L3-L6`, `${ZOOKEEPER}#L75`],
      writablePaths: [`${ZOOKEEPER}#L75`, `${ZOOKEEPER_ENTRYPOINT}#L14-L30`],
      healthcheck: `${ZOOKEEPER}#L77`,
    },
  },
  {
    // The image has no USER (root) and needs none: its binaries are
    // world-executable, so it runs as any non-root UID that can write /data;
    // 1000:1000 is the catalog's choice, not the image's. The console (9001)
    // listens only with --console-address, on a random port otherwise.
    repositories: ['minio/minio'],
    user: { uid: 1000, gid: 1000 },
    ports: [{ name: 's3', port: 9000, http: true }],
    dataPath: '/data',
    writablePaths: [],
    healthcheck: { test: { tcpPort: 9000 }, ...SERVER_CHECK },
    resources: { cpu: '250m', memory: '512Mi' },
    sources: {
      user: [`${MINIO}#L34`, `${MINIO}#L40`],
      ports: `${MINIO}#L47`,
      dataPath: `${MINIO}#L51`,
      healthcheck: `${MINIO}#L47`,
    },
  },
];
