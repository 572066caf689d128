package chat.logging.ingest;

import chat.logging.index.LogDocument;
import java.util.List;
import reactor.core.publisher.Mono;

/** Writes documents with one bulk request. */
interface BulkWriter {

  /**
   * Sends one bulk request.
   *
   * @return one result per document, in the order given
   * @throws BulkRejectedException (as an error signal) when the request as a whole is refused for
   *     what it contains (400, 413); any other error is taken as transient (node down, overloaded,
   *     timeout, not authorized)
   */
  Mono<List<ItemResult>> write(List<LogDocument> documents);

  /**
   * The outcome for one document.
   *
   * @param status the HTTP status of the item (200/201 when written)
   * @param error the error type and reason when not written
   */
  record ItemResult(int status, String error) {

    static ItemResult ok() {
      return new ItemResult(201, null);
    }

    boolean written() {
      return status >= 200 && status < 300;
    }

    /**
     * Whether the document itself is at fault (it will fail again, whenever retried): bad field
     * values, too large. Anything else (429, 5xx, a missing or blocked index) is worth retrying.
     */
    boolean refused() {
      return status == 400 || status == 409 || status == 413;
    }
  }

  /** Elasticsearch refused a whole bulk request because of its content (400 or 413). */
  final class BulkRejectedException extends RuntimeException {

    BulkRejectedException(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }
}
