package chat.logging.ingest;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The outbound side of Kafka: the dead-letter topic. Each letter carries the original key and value
 * and, in headers, the reason ({@value #REASON}), the detail ({@value #DETAIL}) and where the
 * record came from ({@value #ORIGINAL_TOPIC}, {@value #ORIGINAL_PARTITION}, {@value
 * #ORIGINAL_OFFSET}).
 */
interface DeadLetterSink {

  String REASON = "dlt-reason";
  String DETAIL = "dlt-detail";
  String ORIGINAL_TOPIC = "dlt-original-topic";
  String ORIGINAL_PARTITION = "dlt-original-partition";
  String ORIGINAL_OFFSET = "dlt-original-offset";

  /** Completes when every letter is acknowledged by the broker; fails if any was not. */
  Mono<Void> send(List<DeadLetter> letters);
}
