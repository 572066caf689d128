package chat.logging.index;

import chat.logging.LoggingProperties;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import co.elastic.clients.elasticsearch.indices.get_index_template.IndexTemplateItem;
import co.elastic.clients.json.JsonData;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.elasticsearch.client.elc.ReactiveElasticsearchClient;
import reactor.core.publisher.Mono;

/**
 * Installs the composable index template of the {@code chat-logs} family: explicit mapping, the
 * alias, shard settings. Installed when missing or older than {@link #VERSION}; an existing monthly
 * index keeps the mapping it was created with (a new version applies from the next index on).
 *
 * <p>The mapping is {@code strict}: documents carry only the fields of {@link LogFields}. {@code
 * data} is kept in {@code _source} but not indexed ({@code enabled: false}), so no producer can
 * grow the mapping; what is searched in it is copied to top-level fields.
 */
public final class IndexTemplateInstaller {

  /** Bump when the template below changes. */
  static final long VERSION = 2;

  private static final Logger log = LoggerFactory.getLogger(IndexTemplateInstaller.class);

  private final ReactiveElasticsearchClient client;
  private final ChatLogsIndex index;
  private final LoggingProperties.Index settings;
  private final Clock clock;

  public IndexTemplateInstaller(
      ReactiveElasticsearchClient client,
      ChatLogsIndex index,
      LoggingProperties.Index settings,
      Clock clock) {
    this.client = client;
    this.index = index;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Completes once a template of at least this version is in place, and the index of the current
   * month exists (so the alias exists, and the first events do not wait for an index creation).
   */
  public Mono<Void> ensure() {
    return installedVersion()
        .flatMap(installed -> installed >= VERSION ? Mono.empty() : put(installed < 0))
        .then(Mono.defer(() -> createIndex(index.indexFor(clock.instant()))));
  }

  private Mono<Void> createIndex(String name) {
    return client
        .indices()
        .exists(e -> e.index(name))
        .flatMap(
            exists ->
                exists.value()
                    ? Mono.empty()
                    : client
                        .indices()
                        .create(c -> c.index(name))
                        .onErrorResume(IndexTemplateInstaller::alreadyExists, e -> Mono.empty())
                        .then());
  }

  /** The version of the installed template, -1 when there is none. */
  private Mono<Long> installedVersion() {
    String name = index.templateName();
    return client
        .indices()
        .existsIndexTemplate(e -> e.name(name))
        .flatMap(
            exists -> {
              if (!exists.value()) {
                return Mono.just(-1L);
              }
              return client
                  .indices()
                  .getIndexTemplate(g -> g.name(name))
                  .map(
                      response ->
                          response.indexTemplates().stream()
                              .map(IndexTemplateItem::indexTemplate)
                              .map(t -> t.version() == null ? 0L : t.version())
                              .findFirst()
                              .orElse(-1L));
            });
  }

  private Mono<Void> put(boolean create) {
    return client
        .indices()
        .putIndexTemplate(template(create))
        .doOnNext(
            ok ->
                log.info(
                    "Installed index template {} version {} for {}",
                    index.templateName(),
                    VERSION,
                    index.pattern()))
        .onErrorResume(
            e -> create && alreadyExists(e),
            // Another replica won the race: its template is the same version.
            e -> Mono.empty())
        .then();
  }

  PutIndexTemplateRequest template(boolean create) {
    return PutIndexTemplateRequest.of(
        t ->
            t.name(index.templateName())
                .create(create)
                .indexPatterns(index.pattern())
                .priority(100L)
                .version(VERSION)
                .meta(Map.of("managed_by", JsonData.of("logging-service")))
                .template(
                    body ->
                        body.settings(settings())
                            .aliases(index.alias(), alias -> alias)
                            .mappings(mapping())));
  }

  private IndexSettings settings() {
    return IndexSettings.of(
        s -> {
          s.numberOfShards(String.valueOf(settings.shards()))
              .numberOfReplicas(String.valueOf(settings.replicas()));
          if (settings.refreshInterval() != null) {
            s.refreshInterval(r -> r.time(settings.refreshInterval().toMillis() + "ms"));
          }
          return s;
        });
  }

  static TypeMapping mapping() {
    return TypeMapping.of(
        m ->
            m.dynamic(DynamicMapping.Strict)
                .properties(LogFields.EVENT_ID, p -> p.keyword(k -> k))
                .properties(LogFields.EVENT_TYPE, p -> p.keyword(k -> k))
                .properties(LogFields.TIMESTAMP, p -> p.date(d -> d))
                .properties(LogFields.USER_ID, p -> p.keyword(k -> k))
                .properties(LogFields.ROOM, p -> p.keyword(k -> k))
                .properties(LogFields.INSTANCE_ID, p -> p.keyword(k -> k))
                .properties(LogFields.CONTENT, p -> p.text(x -> x.analyzer("standard")))
                .properties(LogFields.SEQ, p -> p.long_(l -> l))
                .properties(LogFields.MESSAGE_ID, p -> p.keyword(k -> k))
                .properties(LogFields.DATA, p -> p.object(o -> o.enabled(false))));
  }

  private static boolean alreadyExists(Throwable e) {
    return e instanceof ElasticsearchException es
        && es.status() == 400
        && (String.valueOf(es.error().type()).contains("already_exists")
            || String.valueOf(es.error().reason()).contains("already exists"));
  }
}
