package chat.logging.search;

import chat.events.auth.AuthenticatedUser;
import chat.logging.index.LogSearch;
import chat.logging.search.MessageSearch.Results;
import chat.logging.web.ApiException;
import chat.logging.web.Params;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/search/messages?q=&room=&page=&size=}: messages of global rooms whose text
 * matches {@code q}, for any signed-in user. DMs are not searchable (their text is never logged); a
 * {@code room} that is not a global room simply has no results.
 */
@RestController
class MessageSearchController {

  static final int MAX_QUERY_LENGTH = 200;
  static final int MAX_PAGE_SIZE = 50;
  static final int MAX_RESULT_WINDOW = 10_000;

  private final MessageSearch search;

  MessageSearchController(MessageSearch search) {
    this.search = search;
  }

  @GetMapping("/api/search/messages")
  Mono<Results> messages(
      AuthenticatedUser caller,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String room,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size) {
    String text = Params.text("q", q, MAX_QUERY_LENGTH);
    if (text == null) {
      throw ApiException.badRequest("q is required: the text to look for");
    }
    int pageSize = Params.integer("size", size, 20, 1, MAX_PAGE_SIZE);
    int pageNumber = Params.integer("page", page, 0, 0, MAX_RESULT_WINDOW);
    if ((long) (pageNumber + 1) * pageSize > MAX_RESULT_WINDOW) {
      throw ApiException.badRequest(
          "page and size reach past the first " + MAX_RESULT_WINDOW + " matches");
    }
    return search.find(text, Params.text("room", room, 128), pageNumber, pageSize);
  }

  @Configuration(proxyBeanMethods = false)
  static class SearchConfiguration {

    @Bean
    MessageSearch messageSearch(LogSearch search) {
      return new MessageSearch(search);
    }
  }
}
