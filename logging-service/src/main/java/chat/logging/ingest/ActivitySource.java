package chat.logging.ingest;

import reactor.core.publisher.Flux;

/** The inbound side of Kafka: the records of the activity topic this replica is assigned. */
interface ActivitySource {

  /**
   * The records, honouring backpressure: the consumer fetches no more than is requested (it pauses
   * its partitions while the subscriber is busy), so a slow or stopped Elasticsearch never fills
   * the memory. Each subscription joins the consumer group anew; records not acknowledged before
   * the subscription ends are delivered again.
   */
  Flux<SourceRecord> receive();

  /**
   * Records on this replica's partitions that are not acknowledged yet (log end offset minus the
   * next offset to index), as of the last refresh; 0 while nothing is assigned.
   */
  long lag();
}
