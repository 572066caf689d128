package chat.logging;

import chat.events.auth.JwtTokens;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of logging-service, bound once from {@code application.yml} (which maps the
 * environment variables of the contract onto these properties). The Elasticsearch node itself
 * ({@code ELASTICSEARCH_NODE}) is Spring Boot's {@code spring.elasticsearch.uris} and the HTTP port
 * ({@code PORT}) is {@code server.port}.
 *
 * @param auth token verification
 * @param kafka where activity comes from and where rejected records go
 * @param index the Elasticsearch index family behind the {@code chat-logs} alias
 * @param indexing batching and retry of the indexing pipeline
 */
@ConfigurationProperties("chat")
public record LoggingProperties(
    @DefaultValue Auth auth,
    @DefaultValue Kafka kafka,
    @DefaultValue Index index,
    @DefaultValue Indexing indexing) {

  /**
   * @param jwtSecret the HS256 secret shared by every service ({@code JWT_SECRET}), at least 32
   *     bytes; must not be the development default in the {@code prod} profile
   */
  public record Auth(@DefaultValue(JwtTokens.DEV_SECRET) String jwtSecret) {}

  /**
   * @param bootstrapServers {@code host:port[,host:port...]} of the brokers ({@code KAFKA_BROKER})
   * @param topic the activity topic ({@code KAFKA_TOPIC}, default {@code chat-activity})
   * @param deadLetterTopic where records that can never be indexed go, with the reason in headers
   * @param groupId the consumer group shared by every replica, so each record is handled by one
   * @param commitInterval how often acknowledged offsets are committed; offsets are only ever
   *     acknowledged after their records are in Elasticsearch (or in the dead-letter topic)
   * @param maxPollRecords upper bound on the records one poll brings into memory
   * @param lagRefreshInterval how often the consumer lag gauge asks the broker for end offsets
   * @param stallTimeout a consumer that has records to deliver (lag above 0), no batch in flight
   *     and has delivered nothing for this long is replaced by a new one (a guard against the
   *     intermittent stalls of reactor-kafka's receiver under backpressure)
   */
  public record Kafka(
      @DefaultValue("127.0.0.1:9092") String bootstrapServers,
      @DefaultValue("chat-activity") String topic,
      @DefaultValue("chat-activity-dlt") String deadLetterTopic,
      @DefaultValue("logging-service") String groupId,
      @DefaultValue("1s") Duration commitInterval,
      @DefaultValue("1000") int maxPollRecords,
      @DefaultValue("5s") Duration lagRefreshInterval,
      @DefaultValue("30s") Duration stallTimeout) {}

  /**
   * @param name the alias every reader uses ({@code chat-logs}); documents go to monthly indices
   *     named {@code <name>-yyyy.MM} that the index template puts behind this alias
   * @param shards primary shards of each monthly index
   * @param replicas replica shards of each monthly index (0 on a single node)
   * @param refreshInterval how soon an indexed event becomes searchable; unset (the default) keeps
   *     Elasticsearch's own: every second, but not on a shard nobody searched for 30 s (the next
   *     search refreshes it first), which spares a node that only ingests
   */
  public record Index(
      @DefaultValue("chat-logs") String name,
      @DefaultValue("1") int shards,
      @DefaultValue("0") int replicas,
      @Nullable Duration refreshInterval) {}

  /**
   * @param batchSize most events in one bulk request
   * @param batchTimeout longest an event waits for its batch to fill: a quiet system still indexes
   *     every event within this delay (plus the bulk request)
   * @param maxBulkBytes a batch whose documents exceed this many bytes is split into several bulk
   *     requests
   * @param concurrency bulk requests in flight at once; offsets are still acknowledged in order
   * @param minBackoff first delay before retrying a bulk request Elasticsearch did not accept
   * @param maxBackoff longest delay between retries; retries go on until Elasticsearch accepts
   * @param requestTimeout longest wait for one bulk request before it counts as failed
   */
  public record Indexing(
      @DefaultValue("500") int batchSize,
      @DefaultValue("200ms") Duration batchTimeout,
      @DefaultValue("5MB") DataSize maxBulkBytes,
      @DefaultValue("2") int concurrency,
      @DefaultValue("100ms") Duration minBackoff,
      @DefaultValue("5s") Duration maxBackoff,
      @DefaultValue("30s") Duration requestTimeout) {}
}
