package chat.logging.analytics;

import chat.logging.analytics.AnalyticsQueries.EventFilter;
import chat.logging.analytics.AnalyticsQueries.EventsPage;
import chat.logging.analytics.AnalyticsQueries.Summary;
import chat.logging.analytics.AnalyticsQueries.Timeline;
import chat.logging.analytics.AnalyticsQueries.TopRooms;
import chat.logging.analytics.AnalyticsQueries.TopUsers;
import chat.logging.web.ApiException;
import chat.logging.web.Params;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The admin analytics API over the activity log. Every endpoint takes {@code from} and {@code to}
 * (ISO-8601, half-open, default: the last 24 hours); the admin role is checked by the bearer token
 * filter before any of this runs.
 */
@RestController
@RequestMapping("/api/analytics")
class AnalyticsController {

  /** Elasticsearch's default {@code index.max_result_window}: deeper pages need search_after. */
  static final int MAX_RESULT_WINDOW = 10_000;

  static final int MAX_PAGE_SIZE = 100;
  static final int MAX_LIMIT = 100;

  private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9_]{1,64}");
  private static final int MAX_TYPES = 20;

  private final AnalyticsQueries queries;
  private final Clock clock;

  AnalyticsController(AnalyticsQueries queries, Clock clock) {
    this.queries = queries;
    this.clock = clock;
  }

  @GetMapping("/summary")
  Mono<Summary> summary(
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    return queries.summary(TimeRange.parse(from, to, clock));
  }

  @GetMapping("/timeline")
  Mono<Timeline> timeline(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String interval) {
    TimeRange range = TimeRange.parse(from, to, clock);
    return queries.timeline(range, TimelineInterval.resolve(interval, range));
  }

  @GetMapping("/top-users")
  Mono<TopUsers> topUsers(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String size) {
    return queries.topUsers(TimeRange.parse(from, to, clock), limit(limit, size));
  }

  @GetMapping("/top-rooms")
  Mono<TopRooms> topRooms(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String size) {
    return queries.topRooms(TimeRange.parse(from, to, clock), limit(limit, size));
  }

  @GetMapping("/events")
  Mono<EventsPage> events(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String userId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size) {
    TimeRange range = TimeRange.parse(from, to, clock);
    int pageSize = Params.integer("size", size, 20, 1, MAX_PAGE_SIZE);
    int pageNumber = Params.integer("page", page, 0, 0, MAX_RESULT_WINDOW);
    if ((long) (pageNumber + 1) * pageSize > MAX_RESULT_WINDOW) {
      throw ApiException.badRequest(
          "page and size reach past the first "
              + MAX_RESULT_WINDOW
              + " events: narrow the time range or the filters instead");
    }
    EventFilter filter =
        new EventFilter(Params.text("q", q, 256), types(type), Params.text("userId", userId, 128));
    return queries.events(filter, range, pageNumber, pageSize);
  }

  /** {@code limit} (default 10), or {@code size} as a synonym. */
  private static int limit(String limit, String size) {
    return limit != null
        ? Params.integer("limit", limit, 10, 1, MAX_LIMIT)
        : Params.integer("size", size, 10, 1, MAX_LIMIT);
  }

  /** {@code type=message_sent,dm_sent} (or the parameter repeated, which Spring joins). */
  private static List<String> types(String type) {
    if (type == null || type.isBlank()) {
      return List.of();
    }
    List<String> types =
        Arrays.stream(type.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    if (types.size() > MAX_TYPES
        || !types.stream().allMatch(t -> EVENT_TYPE.matcher(t).matches())) {
      throw ApiException.badRequest(
          "type must be up to " + MAX_TYPES + " comma-separated event types such as message_sent");
    }
    return types;
  }
}
