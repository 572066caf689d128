package chat.messaging.activity;

import static org.assertj.core.api.Assertions.assertThat;

import chat.events.ActivityEvent;
import chat.events.ConnectionEvent;
import chat.events.EventJson;
import chat.events.Topics;
import chat.messaging.socketio.SocketListener;
import chat.messaging.testing.ChatClient;
import chat.messaging.testing.InfrastructureTest;
import chat.messaging.testing.TestUsers;
import chat.stack.TestInfrastructure;
import chat.stack.TopicReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** What the chat layer tells Kafka, read back from the real topics. */
class ActivityEventsIT extends InfrastructureTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Autowired SocketListener listener;
  @Autowired ReactiveMongoTemplate mongo;

  @Test
  void everyUserVisibleEventIsPublishedAndDmTextNeverIs() {
    String aliceId = TestUsers.create(mongo, "alice");
    String bobId = TestUsers.create(mongo, "bob");
    try (TopicReader activity =
            new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.CHAT_ACTIVITY);
        TopicReader connections =
            new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.CHAT_CONNECTIONS)) {
      ChatClient alice = ChatClient.connect(listener, aliceId);
      var sent = alice.ack("sendMessage", "{\"room\":\"general\",\"content\":\"public words\"}");
      String room = alice.startDm(bobId);
      alice.ack("sendMessage", "{\"room\":\"" + room + "\",\"content\":\"private words\"}");
      alice.disconnect();

      List<ActivityEvent> events =
          activity.awaitRecords(r -> aliceId.equals(r.key()), 5, WAIT).stream()
              .map(r -> EventJson.read(r.value(), ActivityEvent.class))
              .toList();
      assertThat(events)
          .extracting(ActivityEvent::eventType)
          .containsExactly(
              "user_connected", "message_sent", "dm_started", "dm_sent", "user_disconnected");
      ActivityEvent global = events.get(1);
      assertThat(global.room()).isEqualTo("general");
      assertThat(global.data())
          .containsEntry("content", "public words")
          .containsEntry("messageId", sent.path("message").path("id").asString())
          .containsKey("seq");
      ActivityEvent dm = events.get(3);
      assertThat(dm.room()).isEqualTo(room);
      assertThat(dm.data()).doesNotContainKey("content").containsKeys("seq", "messageId");
      assertThat(events).allSatisfy(e -> assertThat(e.instanceId()).isNotBlank());
      assertThat(events.stream().map(ActivityEvent::eventId).distinct()).hasSize(5);
      assertThat(EventJson.write(dm).length).isPositive();
      assertThat(new String(EventJson.write(dm))).doesNotContain("private words");

      List<ConnectionEvent> lifecycle =
          connections.awaitRecords(r -> aliceId.equals(r.key()), 2, WAIT).stream()
              .map(r -> EventJson.read(r.value(), ConnectionEvent.class))
              .toList();
      assertThat(lifecycle)
          .extracting(ConnectionEvent::type)
          .containsExactly(ConnectionEvent.Type.CONNECTED, ConnectionEvent.Type.DISCONNECTED);
      assertThat(lifecycle.get(0).connectionId()).isEqualTo(alice.socketId());
    }
  }
}
