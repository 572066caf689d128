package chat.logging.support;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.data.elasticsearch.client.elc.ReactiveElasticsearchClient;

/** Direct reads of the activity log for assertions (refreshed first, so they see everything). */
public final class LogIndex {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ReactiveElasticsearchClient client;
  private final String alias;

  public LogIndex(ReactiveElasticsearchClient client, String alias) {
    this.client = client;
    this.alias = alias;
  }

  /** Documents matching {@code query}; 0 while the alias does not exist. */
  public long count(Query query) {
    refresh();
    return Objects.requireNonNull(
            client
                .count(
                    c -> c.index(alias).ignoreUnavailable(true).allowNoIndices(true).query(query))
                .block(TIMEOUT))
        .count();
  }

  /** Documents whose {@code field} equals {@code value}. */
  public long count(String field, String value) {
    return count(Query.of(q -> q.term(t -> t.field(field).value(value))));
  }

  /** The ids of up to 10,000 documents whose {@code field} equals {@code value}. */
  @SuppressWarnings("rawtypes")
  public List<String> ids(String field, String value) {
    refresh();
    return Objects.requireNonNull(
            client
                .search(
                    s ->
                        s.index(alias)
                            .size(10_000)
                            .query(q -> q.term(t -> t.field(field).value(value)))
                            .source(src -> src.fetch(false)),
                    Map.class)
                .block(TIMEOUT))
        .hits()
        .hits()
        .stream()
        .map(hit -> hit.id())
        .toList();
  }

  private void refresh() {
    client
        .indices()
        .refresh(r -> r.index(alias).ignoreUnavailable(true).allowNoIndices(true))
        .block(TIMEOUT);
  }
}
