package chat.messaging.activity;

import chat.events.ActivityEvent;

/**
 * Sends {@link ActivityEvent}s to the {@code chat-activity} topic. Never blocks and never fails the
 * caller: events go through a bounded buffer with retries; what cannot be buffered is dropped and
 * counted.
 */
public interface ActivityPublisher {

  void publish(ActivityEvent event);
}
