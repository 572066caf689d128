package chat.logging.ingest;

import chat.logging.index.LogDocument;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.ByteArrayBinaryData;
import co.elastic.clients.util.ContentType;
import java.util.List;
import org.springframework.data.elasticsearch.client.elc.ReactiveElasticsearchClient;
import reactor.core.publisher.Mono;

/**
 * {@link BulkWriter} on the reactive Elasticsearch client of Spring Data. Documents go as the JSON
 * bytes {@link chat.logging.index.LogDocuments} made (no second serialization); each is an {@code
 * index} operation with {@code _id = eventId}, so writing an event twice leaves one document.
 */
final class ElasticsearchBulkWriter implements BulkWriter {

  private final ReactiveElasticsearchClient client;

  ElasticsearchBulkWriter(ReactiveElasticsearchClient client) {
    this.client = client;
  }

  @Override
  public Mono<List<ItemResult>> write(List<LogDocument> documents) {
    BulkRequest request =
        BulkRequest.of(
            bulk -> {
              for (LogDocument document : documents) {
                bulk.operations(operation(document));
              }
              return bulk;
            });
    return client
        .bulk(request)
        .map(response -> results(response, documents.size()))
        .onErrorMap(ElasticsearchBulkWriter::rejectedWhenContentIsAtFault);
  }

  private static BulkOperation operation(LogDocument document) {
    ByteArrayBinaryData source =
        new ByteArrayBinaryData(document.source(), ContentType.APPLICATION_JSON);
    return BulkOperation.of(
        op -> op.index(index -> index.index(document.index()).id(document.id()).document(source)));
  }

  private static List<ItemResult> results(BulkResponse response, int expected) {
    if (response.items().size() != expected) {
      throw new IllegalStateException(
          "bulk response has " + response.items().size() + " items for " + expected);
    }
    return response.items().stream()
        .map(item -> new ItemResult(item.status(), describe(item.error())))
        .toList();
  }

  private static String describe(ErrorCause error) {
    if (error == null) {
      return null;
    }
    String text = error.type() + ": " + error.reason();
    if (error.causedBy() != null) {
      text += " (" + error.causedBy().type() + ": " + error.causedBy().reason() + ")";
    }
    return text;
  }

  private static Throwable rejectedWhenContentIsAtFault(Throwable error) {
    int status = statusOf(error);
    // Only these say something about the documents; 401/403/404/429 are about the cluster.
    boolean contentAtFault = status == 400 || status == 413;
    return contentAtFault ? new BulkRejectedException(error.getMessage(), error) : error;
  }

  private static int statusOf(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof ElasticsearchException es) {
        return es.status();
      }
      if (e instanceof TransportException te) {
        return te.statusCode();
      }
    }
    return -1;
  }
}
