package chat.messaging.connection;

import chat.events.ConnectionEvent;

/**
 * Sends {@link ConnectionEvent}s to the {@code chat-connections} topic, keyed by user id. Never
 * blocks and never fails the caller: a bounded buffer with retries; overflow is dropped and
 * counted.
 */
public interface ConnectionPublisher {

  void publish(ConnectionEvent event);
}
