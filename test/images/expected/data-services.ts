/**
 * What the pods of the data-service images must get, written from their
 * Dockerfiles and entrypoints (the lines in `from`).
 */
import { ExpectedPod } from './types';
import {
  BITNAMI_KAFKA, BITNAMI_KAFKA_ENV, CLICKHOUSE, CLICKHOUSE_ENTRYPOINT, CP_BASE, CP_KAFKA, CP_KAFKA_CONFIGURE, ELASTICSEARCH, KAFKA,
  KAFKA_SERVER_PROPERTIES, KAFKA_SERVER_START, MINIO, OPENSEARCH, OPENSEARCH_ENTRYPOINT, RABBITMQ, RABBITMQ_ENTRYPOINT, ZOOKEEPER,
  ZOOKEEPER_ENTRYPOINT
} from '../../../lib/images/catalog-data-services-sources';

export const DATA_SERVICES_PODS: readonly ExpectedPod[] = [
  {
    // useradd --uid 999 rabbitmq; VOLUME $RABBITMQ_DATA_DIR; /var/log/rabbitmq created 1777; rabbitmq-diagnostics under /opt/rabbitmq/sbin on PATH.
    image: 'rabbitmq:4.1.6-management',
    from: [
      `${RABBITMQ}#L227-L231`,
      `${RABBITMQ}#L241`,
      `${RABBITMQ}#L309`,
      `${RABBITMQ_ENTRYPOINT}#L4-L11`,
    ],
    uid: 999,
    gid: 999,
    dataPath: '/var/lib/rabbitmq',
    writable: ['/var/lib/rabbitmq', '/var/log/rabbitmq', '/tmp'],
    probe: 'rabbitmq-diagnostics',
  },
  {
    // USER 1000:0; data made writable for the elasticsearch user; EXPOSE 9200 9300.
    image: 'docker.elastic.co/elasticsearch/elasticsearch:8.15.5',
    from: [
      `${ELASTICSEARCH}#L164`,
      `${ELASTICSEARCH}#L129`,
      `${ELASTICSEARCH}#L136`,
    ],
    uid: 1000,
    gid: 0,
    dataPath: '/usr/share/elasticsearch/data',
    writable: ['/usr/share/elasticsearch/data'],
    probe: 'TCP 9200',
  },
  {
    // ARG UID=1000 GID=1000, USER $UID; data directory made in the image; 9200 over TLS with the demo security config.
    image: 'opensearchproject/opensearch:2.19.1',
    from: [
      `${OPENSEARCH}#L60-L61`,
      `${OPENSEARCH}#L46`,
      `${OPENSEARCH}#L89`,
      `${OPENSEARCH_ENTRYPOINT}#L33-L39`,
    ],
    uid: 1000,
    gid: 1000,
    dataPath: '/usr/share/opensearch/data',
    writable: ['/usr/share/opensearch/data'],
    probe: 'TCP 9200',
  },
  {
    // clickhouse 101:101; VOLUME /var/lib/clickhouse; logs and users.d written by the server and entrypoint; /ping on the HTTP port.
    image: 'clickhouse/clickhouse-server:25.4.4.25',
    from: [
      `${CLICKHOUSE}#L19-L20`,
      `${CLICKHOUSE}#L124-L125`,
      `${CLICKHOUSE}#L136-L137`,
      `${CLICKHOUSE_ENTRYPOINT}#L82-L85`,
      `${CLICKHOUSE_ENTRYPOINT}#L125-L126`,
    ],
    uid: 101,
    gid: 101,
    dataPath: '/var/lib/clickhouse',
    writable: ['/var/lib/clickhouse', '/var/log/clickhouse-server', '/etc/clickhouse-server/users.d'],
    probe: 'GET /ping :8123',
  },
  {
    // adduser appuser (alpine: 1000), USER appuser; default log.dirs in /tmp; VOLUME /var/lib/kafka/data; heap -Xmx1G.
    image: 'apache/kafka:3.8.0',
    from: [
      `${KAFKA}#L75`,
      `${KAFKA}#L91-L93`,
      `${KAFKA_SERVER_PROPERTIES}#L22`,
      `${KAFKA_SERVER_START}#L28-L30`,
    ],
    uid: 1000,
    gid: 1000,
    dataPath: '/var/lib/kafka/data',
    writable: ['/var/lib/kafka/data', '/tmp'],
    probe: 'TCP 9092',
    memoryAtLeast: '1Gi',
  },
  {
    // appuser from cp-base-new; /etc/kafka rendered at every start; KAFKA_LOG_DIRS defaults to the data VOLUME.
    image: 'confluentinc/cp-kafka:8.0.0',
    from: [
      `${CP_BASE}#L110`,
      `${CP_KAFKA}#L84-L94`,
      `${CP_KAFKA_CONFIGURE}#L44-L50`,
      `${CP_KAFKA_CONFIGURE}#L134-L136`,
      `${KAFKA_SERVER_START}#L28-L30`,
    ],
    uid: 1000,
    gid: 1000,
    dataPath: '/var/lib/kafka/data',
    writable: ['/var/lib/kafka/data', '/etc/kafka', '/var/log/kafka'],
    probe: 'TCP 9092',
    memoryAtLeast: '1Gi',
  },
  {
    // USER 1001 (group 0 owns /opt/bitnami); data under /bitnami/kafka; heap -Xmx1024m.
    image: 'bitnami/kafka:4.0.0',
    from: [
      `${BITNAMI_KAFKA}#L47`,
      `${BITNAMI_KAFKA}#L60-L62`,
      `${BITNAMI_KAFKA_ENV}#L71-L74`,
      `${BITNAMI_KAFKA_ENV}#L120`,
    ],
    uid: 1001,
    gid: 0,
    dataPath: '/bitnami/kafka',
    writable: ['/bitnami/kafka'],
    probe: 'TCP 9092',
    memoryAtLeast: '1Gi',
  },
  {
    // zookeeper 1000:1000; VOLUME /data /datalog /logs; zoo.cfg generated in /conf; EXPOSE 2181.
    image: 'zookeeper:3.9.4',
    from: [
      `${ZOOKEEPER}#L3-L6`,
      `${ZOOKEEPER}#L18-L19`,
      `${ZOOKEEPER}#L75-L77`,
      `${ZOOKEEPER_ENTRYPOINT}#L8-L30`,
    ],
    uid: 1000,
    gid: 1000,
    dataPath: '/data',
    writable: ['/data', '/datalog', '/logs', '/conf'],
    probe: 'TCP 2181',
  },
  {
    // No USER; binaries world-executable; VOLUME /data; EXPOSE 9000.
    image: 'minio/minio:RELEASE.2025-04-22T22-12-26Z',
    from: [
      `${MINIO}#L34`,
      `${MINIO}#L47-L51`,
    ],
    uid: 1000,
    gid: 1000,
    dataPath: '/data',
    writable: ['/data'],
    probe: 'TCP 9000',
  },
];
