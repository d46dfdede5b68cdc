/**
 * What the pods of the data-service images must get, written from their
 * Dockerfiles and entrypoints (the lines in `from`).
 */
import { ExpectedPod } from './types';

const GH = 'https://github.com';

export const DATA_SERVICES_PODS: readonly ExpectedPod[] = [
  {
    // useradd --uid 999 rabbitmq; VOLUME $RABBITMQ_DATA_DIR; /var/log/rabbitmq created 1777; rabbitmq-diagnostics under /opt/rabbitmq/sbin on PATH.
    image: 'rabbitmq:4.1.6-management',
    from: [
      `${GH}/docker-library/rabbitmq/blob/00309be9729cd54aa525c35ac924fa026ee5e8a2/4.1/ubuntu/Dockerfile#L227-L231`,
      `${GH}/docker-library/rabbitmq/blob/00309be9729cd54aa525c35ac924fa026ee5e8a2/4.1/ubuntu/Dockerfile#L241`,
      `${GH}/docker-library/rabbitmq/blob/00309be9729cd54aa525c35ac924fa026ee5e8a2/4.1/ubuntu/Dockerfile#L309`,
      `${GH}/docker-library/rabbitmq/blob/bc5750b451ed3819d94c92085cfcb16a65d879f3/4.1/ubuntu/docker-entrypoint.sh#L4-L11`,
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
      `${GH}/elastic/dockerfiles/blob/000ec0794972a956614bdb904bafdb92cb84dfbe/elasticsearch/Dockerfile#L164`,
      `${GH}/elastic/dockerfiles/blob/000ec0794972a956614bdb904bafdb92cb84dfbe/elasticsearch/Dockerfile#L129`,
      `${GH}/elastic/dockerfiles/blob/000ec0794972a956614bdb904bafdb92cb84dfbe/elasticsearch/Dockerfile#L136`,
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
      `${GH}/opensearch-project/opensearch-build/blob/176ece0786e54fbbd091ce4995995acf0f97e25e/docker/release/dockerfiles/opensearch.al2023.dockerfile#L60-L61`,
      `${GH}/opensearch-project/opensearch-build/blob/176ece0786e54fbbd091ce4995995acf0f97e25e/docker/release/dockerfiles/opensearch.al2023.dockerfile#L46`,
      `${GH}/opensearch-project/opensearch-build/blob/176ece0786e54fbbd091ce4995995acf0f97e25e/docker/release/dockerfiles/opensearch.al2023.dockerfile#L89`,
      `${GH}/opensearch-project/opensearch-build/blob/c66fe25d6c01d40d48bfb94cfbde1218c31dea7b/docker/release/config/opensearch/opensearch-docker-entrypoint-2.x.sh#L33-L39`,
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
      `${GH}/ClickHouse/ClickHouse/blob/001409ce725057e78f20cef6f6f0b18d45521a3a/docker/server/Dockerfile.ubuntu#L19-L20`,
      `${GH}/ClickHouse/ClickHouse/blob/001409ce725057e78f20cef6f6f0b18d45521a3a/docker/server/Dockerfile.ubuntu#L124-L125`,
      `${GH}/ClickHouse/ClickHouse/blob/001409ce725057e78f20cef6f6f0b18d45521a3a/docker/server/Dockerfile.ubuntu#L136-L137`,
      `${GH}/ClickHouse/ClickHouse/blob/00b7432bc3c55dc83b116bb5da0863d2a8066847/docker/server/entrypoint.sh#L82-L85`,
      `${GH}/ClickHouse/ClickHouse/blob/00b7432bc3c55dc83b116bb5da0863d2a8066847/docker/server/entrypoint.sh#L125-L126`,
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
      `${GH}/apache/kafka/blob/120d52df7d4a1e7eaf90e4e069b9c49c27e3d0de/docker/jvm/Dockerfile#L75`,
      `${GH}/apache/kafka/blob/120d52df7d4a1e7eaf90e4e069b9c49c27e3d0de/docker/jvm/Dockerfile#L91-L93`,
      `${GH}/apache/kafka/blob/4adfa48e04cf14f991f090d1b6aa770050b06e9e/docker/resources/common-scripts/server.properties#L22`,
      `${GH}/apache/kafka/blob/01c427f5d5560a14d32637ce0e3607fa8581dcbe/bin/kafka-server-start.sh#L28-L30`,
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
      `${GH}/confluentinc/common-docker/blob/03401df12a76e11b932f2dae5e1ab9eca9651918/base/Dockerfile.ubi9#L110`,
      `${GH}/confluentinc/kafka-images/blob/1982d1d9e55135173a308a8e669565dea7c698d2/kafka/Dockerfile.ubi9#L84-L94`,
      `${GH}/confluentinc/kafka-images/blob/2b0127dddbe201d7e6753aeeb5bfccb261204d91/kafka/include/etc/confluent/docker/configure#L44-L50`,
      `${GH}/confluentinc/kafka-images/blob/2b0127dddbe201d7e6753aeeb5bfccb261204d91/kafka/include/etc/confluent/docker/configure#L134-L136`,
      `${GH}/apache/kafka/blob/01c427f5d5560a14d32637ce0e3607fa8581dcbe/bin/kafka-server-start.sh#L28-L30`,
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
      `${GH}/bitnami/containers/blob/01ffc6f453eb816c6f1739b8890c4bef5184f4fd/bitnami/kafka/4.0/debian-12/Dockerfile#L47`,
      `${GH}/bitnami/containers/blob/01ffc6f453eb816c6f1739b8890c4bef5184f4fd/bitnami/kafka/4.0/debian-12/Dockerfile#L60-L62`,
      `${GH}/bitnami/containers/blob/b34777087566971b20b70faea1f22b80a7bbc4a2/bitnami/kafka/4.0/debian-12/rootfs/opt/bitnami/scripts/kafka-env.sh#L71-L74`,
      `${GH}/bitnami/containers/blob/b34777087566971b20b70faea1f22b80a7bbc4a2/bitnami/kafka/4.0/debian-12/rootfs/opt/bitnami/scripts/kafka-env.sh#L120`,
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
      `${GH}/31z4/zookeeper-docker/blob/c56b077b4858f22bfc5014cfb3c570d78c56a71d/3.9.4/Dockerfile#L3-L6`,
      `${GH}/31z4/zookeeper-docker/blob/c56b077b4858f22bfc5014cfb3c570d78c56a71d/3.9.4/Dockerfile#L18-L19`,
      `${GH}/31z4/zookeeper-docker/blob/c56b077b4858f22bfc5014cfb3c570d78c56a71d/3.9.4/Dockerfile#L75-L77`,
      `${GH}/31z4/zookeeper-docker/blob/509b6fbcbd5969019376b0758712837f9713d488/3.9.4/docker-entrypoint.sh#L8-L30`,
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
      `${GH}/minio/minio/blob/0031b1205fe3af70a9d80465736fae5ed0ac9003/Dockerfile.release#L34`,
      `${GH}/minio/minio/blob/0031b1205fe3af70a9d80465736fae5ed0ac9003/Dockerfile.release#L47-L51`,
    ],
    uid: 1000,
    gid: 1000,
    dataPath: '/data',
    writable: ['/data'],
    probe: 'TCP 9000',
  },
];
