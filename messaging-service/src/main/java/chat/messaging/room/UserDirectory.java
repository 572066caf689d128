package chat.messaging.room;

import reactor.core.publisher.Mono;

/** Which users exist: a DM can only be started with a registered user. */
public interface UserDirectory {

  /**
   * The user id of the account named {@code candidate} (compared without regard to case), spelled
   * as the account spells it; empty if there is no such account.
   */
  Mono<String> find(String candidate);
}
