/**
 * The files the data-service images' facts were read from, at pinned commits
 * (the catalog and the pod expectations cite lines of these).
 */
const GH = 'https://github.com';

export const RABBITMQ = `${GH}/docker-library/rabbitmq/blob/00309be9729cd54aa525c35ac924fa026ee5e8a2/4.1/ubuntu/Dockerfile`;
export const RABBITMQ_MANAGEMENT = `${GH}/docker-library/rabbitmq/blob/02f754e4cf04553c800942f765926f21ccdb2a9f/4.1/ubuntu/management/Dockerfile`;
export const RABBITMQ_ENTRYPOINT = `${GH}/docker-library/rabbitmq/blob/bc5750b451ed3819d94c92085cfcb16a65d879f3/4.1/ubuntu/docker-entrypoint.sh`;
export const ELASTICSEARCH = `${GH}/elastic/dockerfiles/blob/000ec0794972a956614bdb904bafdb92cb84dfbe/elasticsearch/Dockerfile`;
export const ELASTICSEARCH_ENTRYPOINT = `${GH}/elastic/elasticsearch/blob/05a01332fef304cc73675a1fc48c8af6cc8a7fae/distribution/docker/src/docker/bin/docker-entrypoint.sh`;
export const OPENSEARCH = `${GH}/opensearch-project/opensearch-build/blob/176ece0786e54fbbd091ce4995995acf0f97e25e/docker/release/dockerfiles/opensearch.al2023.dockerfile`;
export const OPENSEARCH_ENTRYPOINT = `${GH}/opensearch-project/opensearch-build/blob/c66fe25d6c01d40d48bfb94cfbde1218c31dea7b/docker/release/config/opensearch/opensearch-docker-entrypoint-2.x.sh`;
export const CLICKHOUSE = `${GH}/ClickHouse/ClickHouse/blob/001409ce725057e78f20cef6f6f0b18d45521a3a/docker/server/Dockerfile.ubuntu`;
export const CLICKHOUSE_ENTRYPOINT = `${GH}/ClickHouse/ClickHouse/blob/00b7432bc3c55dc83b116bb5da0863d2a8066847/docker/server/entrypoint.sh`;
export const KAFKA = `${GH}/apache/kafka/blob/120d52df7d4a1e7eaf90e4e069b9c49c27e3d0de/docker/jvm/Dockerfile`;
export const KAFKA_CONFIGURE = `${GH}/apache/kafka/blob/070305685295c4104e47a64d49b2b7b22368e4e0/docker/resources/common-scripts/configure`;
export const KAFKA_SERVER_PROPERTIES = `${GH}/apache/kafka/blob/4adfa48e04cf14f991f090d1b6aa770050b06e9e/docker/resources/common-scripts/server.properties`;
export const KAFKA_SERVER_START = `${GH}/apache/kafka/blob/01c427f5d5560a14d32637ce0e3607fa8581dcbe/bin/kafka-server-start.sh`;
export const CP_KAFKA = `${GH}/confluentinc/kafka-images/blob/1982d1d9e55135173a308a8e669565dea7c698d2/kafka/Dockerfile.ubi9`;
export const CP_KAFKA_CONFIGURE = `${GH}/confluentinc/kafka-images/blob/2b0127dddbe201d7e6753aeeb5bfccb261204d91/kafka/include/etc/confluent/docker/configure`;
export const CP_BASE = `${GH}/confluentinc/common-docker/blob/03401df12a76e11b932f2dae5e1ab9eca9651918/base/Dockerfile.ubi9`;
export const BITNAMI_KAFKA = `${GH}/bitnami/containers/blob/01ffc6f453eb816c6f1739b8890c4bef5184f4fd/bitnami/kafka/4.0/debian-12/Dockerfile`;
export const BITNAMI_KAFKA_ENV = `${GH}/bitnami/containers/blob/b34777087566971b20b70faea1f22b80a7bbc4a2/bitnami/kafka/4.0/debian-12/rootfs/opt/bitnami/scripts/kafka-env.sh`;
export const ZOOKEEPER = `${GH}/31z4/zookeeper-docker/blob/c56b077b4858f22bfc5014cfb3c570d78c56a71d/3.9.4/Dockerfile`;
export const ZOOKEEPER_ENTRYPOINT = `${GH}/31z4/zookeeper-docker/blob/509b6fbcbd5969019376b0758712837f9713d488/3.9.4/docker-entrypoint.sh`;
export const MINIO = `${GH}/minio/minio/blob/0031b1205fe3af70a9d80465736fae5ed0ac9003/Dockerfile.release`;
