package chat.presence.registry;

import chat.events.User;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/presence}: the registry as a JSON array of users (authenticated). */
@RestController
class RegistryController {

  private final UserRegistry registry;

  RegistryController(UserRegistry registry) {
    this.registry = registry;
  }

  @GetMapping("/api/presence")
  Mono<List<User>> registry() {
    return registry.all();
  }
}
