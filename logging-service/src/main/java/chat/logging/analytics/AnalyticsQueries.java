package chat.logging.analytics;

import static chat.logging.index.LogSearch.aggregate;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.logging.index.LogFields;
import chat.logging.index.LogSearch;
import chat.logging.web.ApiException;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;

/** The aggregations and searches behind {@code /api/analytics/**}. */
final class AnalyticsQueries {

  /** Distinct counts are exact below this many users, approximate (within ~1%) above. */
  private static final int CARDINALITY_PRECISION = 40_000;

  private static final int MAX_TYPES = 100;

  private static final List<String> MESSAGE_TYPES =
      List.of(ActivityType.MESSAGE_SENT, ActivityType.DM_SENT);

  private final LogSearch search;

  AnalyticsQueries(LogSearch search) {
    this.search = search;
  }

  Mono<Summary> summary(TimeRange range) {
    Query notFailedLogin =
        Query.of(
            q ->
                q.bool(
                    b ->
                        b.mustNot(
                            LogSearch.term(LogFields.EVENT_TYPE, ActivityType.LOGIN_FAILED))));
    return search
        .search(
            s ->
                s.size(0)
                    .trackTotalHits(t -> t.enabled(true))
                    .query(LogSearch.timeRange(range.from(), range.to()))
                    .aggregations(
                        "byType", a -> a.terms(t -> t.field(LogFields.EVENT_TYPE).size(MAX_TYPES)))
                    .aggregations(
                        "active",
                        a ->
                            a.filter(notFailedLogin)
                                .aggregations(
                                    "users",
                                    users ->
                                        users.cardinality(
                                            c ->
                                                c.field(LogFields.USER_ID)
                                                    .precisionThreshold(CARDINALITY_PRECISION)))),
            JsonData.class)
        .map(
            response -> {
              Map<String, Long> byType = counts(aggregate(response.aggregations(), "byType"));
              Aggregate active = aggregate(response.aggregations(), "active");
              long activeUsers =
                  active == null
                      ? 0
                      : active.filter().aggregations().get("users").cardinality().value();
              return new Summary(
                  range.from(),
                  range.to(),
                  response.hits().total() == null ? 0 : response.hits().total().value(),
                  byType.getOrDefault(ActivityType.MESSAGE_SENT, 0L),
                  byType.getOrDefault(ActivityType.DM_SENT, 0L),
                  activeUsers,
                  byType.getOrDefault(ActivityType.USER_CONNECTED, 0L),
                  new Logins(
                      byType.getOrDefault(ActivityType.LOGIN_SUCCEEDED, 0L),
                      byType.getOrDefault(ActivityType.LOGIN_FAILED, 0L)),
                  byType);
            });
  }

  Mono<Timeline> timeline(TimeRange range, TimelineInterval interval) {
    return search
        .search(
            s ->
                s.size(0)
                    .query(LogSearch.timeRange(range.from(), range.to()))
                    .aggregations(
                        "timeline",
                        a ->
                            a.dateHistogram(
                                    h ->
                                        h.field(LogFields.TIMESTAMP)
                                            .fixedInterval(t -> t.time(interval.fixedInterval()))
                                            .minDocCount(0)
                                            .extendedBounds(
                                                b ->
                                                    b.min(
                                                            FieldDateMath.of(
                                                                m -> m.value(millis(range.from()))))
                                                        .max(
                                                            FieldDateMath.of(
                                                                m -> m.value(lastMillis(range))))))
                                .aggregations(
                                    "byType",
                                    t ->
                                        t.terms(
                                            x -> x.field(LogFields.EVENT_TYPE).size(MAX_TYPES)))),
            JsonData.class)
        .onErrorMap(AnalyticsQueries::isTooManyBuckets, e -> tooManyBuckets())
        .map(
            response -> {
              Aggregate timeline = aggregate(response.aggregations(), "timeline");
              List<TimelineBucket> buckets = new ArrayList<>();
              if (timeline != null) {
                timeline
                    .dateHistogram()
                    .buckets()
                    .array()
                    .forEach(
                        bucket ->
                            buckets.add(
                                bucket(
                                    Instant.ofEpochMilli(bucket.key()),
                                    bucket.docCount(),
                                    counts(bucket.aggregations().get("byType")))));
              }
              return new Timeline(range.from(), range.to(), interval.expression(), buckets);
            });
  }

  Mono<TopUsers> topUsers(TimeRange range, int limit) {
    return top(range, LogFields.USER_ID, MESSAGE_TYPES, limit)
        .map(
            counts ->
                new TopUsers(
                    range.from(),
                    range.to(),
                    counts.entrySet().stream()
                        .map(e -> new UserCount(e.getKey(), e.getValue()))
                        .toList()));
  }

  Mono<TopRooms> topRooms(TimeRange range, int limit) {
    return top(range, LogFields.ROOM, List.of(ActivityType.MESSAGE_SENT), limit)
        .map(
            counts ->
                new TopRooms(
                    range.from(),
                    range.to(),
                    counts.entrySet().stream()
                        .map(e -> new RoomCount(e.getKey(), e.getValue()))
                        .toList()));
  }

  private Mono<Map<String, Long>> top(
      TimeRange range, String field, List<String> types, int limit) {
    Query query =
        Query.of(
            q ->
                q.bool(
                    b ->
                        b.filter(LogSearch.timeRange(range.from(), range.to()))
                            .filter(LogSearch.anyOf(LogFields.EVENT_TYPE, types))));
    return search
        .search(
            s ->
                s.size(0)
                    .query(query)
                    .aggregations("top", a -> a.terms(t -> t.field(field).size(limit))),
            JsonData.class)
        .map(response -> counts(aggregate(response.aggregations(), "top")));
  }

  Mono<EventsPage> events(EventFilter filter, TimeRange range, int page, int size) {
    Query query =
        Query.of(
            q ->
                q.bool(
                    b -> {
                      b.filter(LogSearch.timeRange(range.from(), range.to()));
                      if (!filter.types().isEmpty()) {
                        b.filter(LogSearch.anyOf(LogFields.EVENT_TYPE, filter.types()));
                      }
                      if (filter.userId() != null) {
                        b.filter(LogSearch.term(LogFields.USER_ID, filter.userId()));
                      }
                      if (filter.text() != null) {
                        b.must(
                            m ->
                                m.simpleQueryString(
                                    t ->
                                        t.query(filter.text())
                                            .fields(
                                                LogFields.CONTENT,
                                                LogFields.USER_ID,
                                                LogFields.ROOM,
                                                LogFields.EVENT_TYPE)
                                            .defaultOperator(Operator.And)));
                      }
                      return b;
                    }));
    return search
        .search(
            s ->
                s.query(query)
                    .from(page * size)
                    .size(size)
                    .trackTotalHits(t -> t.enabled(true))
                    .sort(o -> o.field(f -> f.field(LogFields.TIMESTAMP).order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field(LogFields.EVENT_ID).order(SortOrder.Desc)))
                    .source(src -> src.filter(f -> f.includes(LogFields.EVENT_SOURCE))),
            ActivityEvent.class)
        .map(
            response ->
                new EventsPage(
                    response.hits().total() == null ? 0 : response.hits().total().value(),
                    page,
                    size,
                    response.hits().hits().stream()
                        .map(Hit::source)
                        .filter(Objects::nonNull)
                        .toList()));
  }

  private static TimelineBucket bucket(Instant start, long total, Map<String, Long> counts) {
    long messages = MESSAGE_TYPES.stream().mapToLong(t -> counts.getOrDefault(t, 0L)).sum();
    return new TimelineBucket(start, total, messages, counts);
  }

  private static Map<String, Long> counts(Aggregate terms) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (terms != null) {
      for (StringTermsBucket bucket : terms.sterms().buckets().array()) {
        counts.put(bucket.key().stringValue(), bucket.docCount());
      }
    }
    return counts;
  }

  private static double millis(Instant instant) {
    return instant.toEpochMilli();
  }

  /** The last millisecond inside the half-open range (its end itself is excluded). */
  private static double lastMillis(TimeRange range) {
    return Math.max(range.from().toEpochMilli(), range.to().toEpochMilli() - 1);
  }

  private static boolean isTooManyBuckets(Throwable e) {
    return e instanceof ElasticsearchException es
        && String.valueOf(es.getMessage()).contains("too_many_buckets");
  }

  private static ApiException tooManyBuckets() {
    return ApiException.badRequest(
        "the timeline would have too many buckets: choose a larger interval or a shorter range");
  }

  /** Counts over a time range. {@code activeUsers}: distinct users, failed logins left out. */
  record Summary(
      Instant from,
      Instant to,
      long totalEvents,
      long messages,
      long directMessages,
      long activeUsers,
      long connections,
      Logins logins,
      Map<String, Long> eventsByType) {}

  record Logins(long succeeded, long failed) {}

  record Timeline(Instant from, Instant to, String interval, List<TimelineBucket> buckets) {}

  /**
   * Events in {@code [start, start + interval)}: all of them, messages (global and direct), and per
   * event type.
   */
  record TimelineBucket(Instant start, long total, long messages, Map<String, Long> counts) {}

  record TopUsers(Instant from, Instant to, List<UserCount> users) {}

  /** {@code count}: messages sent by the user (global rooms and direct). */
  record UserCount(String userId, long count) {}

  record TopRooms(Instant from, Instant to, List<RoomCount> rooms) {}

  /** {@code count}: messages sent in the room (global rooms only: DM rooms are left out). */
  record RoomCount(String room, long count) {}

  record EventsPage(long total, int page, int size, List<ActivityEvent> events) {}

  /**
   * What to look for in the activity log.
   *
   * @param text a simple query string over message text, user, room and type; null for any
   * @param types event types to keep; empty for all
   * @param userId only this user's events; null for everyone's
   */
  record EventFilter(String text, List<String> types, String userId) {}
}
