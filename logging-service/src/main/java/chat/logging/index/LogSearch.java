package chat.logging.index;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.search.ResponseBody;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.data.elasticsearch.client.elc.ReactiveElasticsearchClient;
import reactor.core.publisher.Mono;

/**
 * Read access to the activity log through the {@code chat-logs} alias, for the HTTP APIs. An alias
 * that does not exist yet (nothing ever indexed) reads as empty, not as an error.
 */
public final class LogSearch {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ReactiveElasticsearchClient client;
  private final ChatLogsIndex index;

  public LogSearch(ReactiveElasticsearchClient client, ChatLogsIndex index) {
    this.client = client;
    this.index = index;
  }

  /** Runs a search whose body {@code request} describes; hits' sources read as {@code type}. */
  public <T> Mono<ResponseBody<T>> search(
      UnaryOperator<SearchRequest.Builder> request, Class<T> type) {
    SearchRequest search =
        request
            .apply(
                new SearchRequest.Builder()
                    .index(index.alias())
                    .ignoreUnavailable(true)
                    .allowNoIndices(true)
                    .timeout("10s"))
            .build();
    return client.search(search, type).timeout(TIMEOUT);
  }

  /** {@code from <= timestamp < to}. */
  public static Query timeRange(Instant from, Instant to) {
    return Query.of(
        q ->
            q.range(
                r ->
                    r.date(
                        d ->
                            d.field(LogFields.TIMESTAMP)
                                .gte(from.toString())
                                .lt(to.toString())
                                .format("strict_date_optional_time"))));
  }

  public static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }

  public static Query anyOf(String field, Collection<String> values) {
    return Query.of(
        q ->
            q.terms(
                t ->
                    t.field(field)
                        .terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
  }

  /**
   * The aggregate named {@code name}, or {@code null}: Elasticsearch leaves aggregations out when
   * no index matched.
   */
  public static Aggregate aggregate(Map<String, Aggregate> aggregations, String name) {
    return aggregations == null ? null : aggregations.get(name);
  }
}
