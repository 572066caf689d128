package chat.logging.search;

import chat.events.ActivityType;
import chat.logging.index.LogFields;
import chat.logging.index.LogSearch;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.NamedValue;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Full-text search over message text in the activity log.
 *
 * <p>Who may read what: only {@code message_sent} events carry text, and they are, by contract,
 * messages of global rooms, which every signed-in user may read. DM text never enters the log
 * ({@code dm_sent} has none, and {@link chat.logging.index.LogDocuments} strips it if a producer
 * sent it), so the filter on the event type is what keeps every other room out of the results,
 * whatever {@code room} the caller asks for.
 */
final class MessageSearch {

  private static final List<String> SOURCE =
      List.of(
          LogFields.EVENT_ID,
          LogFields.TIMESTAMP,
          LogFields.USER_ID,
          LogFields.ROOM,
          LogFields.CONTENT,
          LogFields.SEQ,
          LogFields.MESSAGE_ID);

  private final LogSearch search;

  MessageSearch(LogSearch search) {
    this.search = search;
  }

  Mono<Results> find(String text, String room, int page, int size) {
    return search
        .search(
            s ->
                s.query(
                        q ->
                            q.bool(
                                b -> {
                                  b.filter(
                                      LogSearch.term(
                                          LogFields.EVENT_TYPE, ActivityType.MESSAGE_SENT));
                                  if (room != null) {
                                    b.filter(LogSearch.term(LogFields.ROOM, room));
                                  }
                                  return b.must(
                                      m ->
                                          m.simpleQueryString(
                                              t ->
                                                  t.query(text)
                                                      .fields(LogFields.CONTENT)
                                                      .defaultOperator(Operator.And)));
                                }))
                    .from(page * size)
                    .size(size)
                    .trackTotalHits(t -> t.enabled(true))
                    .sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field(LogFields.TIMESTAMP).order(SortOrder.Desc)))
                    .source(src -> src.filter(f -> f.includes(SOURCE)))
                    .highlight(
                        h ->
                            h.encoder(HighlighterEncoder.Html)
                                .preTags("<mark>")
                                .postTags("</mark>")
                                .fields(
                                    NamedValue.of(
                                        LogFields.CONTENT,
                                        HighlightField.of(
                                            f ->
                                                f.fragmentSize(150)
                                                    .numberOfFragments(3)
                                                    .noMatchSize(150))))),
            Stored.class)
        .map(
            response ->
                new Results(
                    response.hits().total() == null ? 0 : response.hits().total().value(),
                    page,
                    size,
                    response.hits().hits().stream()
                        .filter(hit -> hit.source() != null)
                        .map(MessageSearch::toMatch)
                        .toList()));
  }

  private static Match toMatch(Hit<Stored> hit) {
    Stored message = hit.source();
    List<String> highlights =
        Objects.requireNonNullElse(hit.highlight().get(LogFields.CONTENT), List.of());
    return new Match(
        message.messageId(),
        message.room(),
        message.seq(),
        message.userId(),
        message.timestamp(),
        message.content(),
        highlights);
  }

  /** The stored fields of a {@code message_sent} document that a result needs. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Stored(
      String eventId,
      Instant timestamp,
      String userId,
      String room,
      String content,
      Long seq,
      String messageId) {}

  /**
   * One page of matches, best first.
   *
   * @param total matches in all pages
   */
  record Results(long total, int page, int size, List<Match> results) {}

  /**
   * A message that matches, with what the client needs to jump to it.
   *
   * @param id the message's id (as in the protocol's {@code Message})
   * @param room its (global) room
   * @param seq its sequence number in the room
   * @param senderId who sent it
   * @param timestamp when it was sent
   * @param content its full text, as sent (render it as text)
   * @param highlights fragments of the text around the matches, HTML-escaped, matches wrapped in
   *     {@code <mark>}; safe to render as HTML
   */
  record Match(
      String id,
      String room,
      Long seq,
      String senderId,
      Instant timestamp,
      String content,
      List<String> highlights) {}
}
