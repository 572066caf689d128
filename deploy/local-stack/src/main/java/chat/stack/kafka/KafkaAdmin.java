package chat.stack.kafka;

import chat.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Broker readiness and the chat topics, through the Admin client. */
public final class KafkaAdmin {

  /** The topics the services use, with their dead-letter topics. */
  public static final List<String> CHAT_TOPICS =
      List.of(
          Topics.CHAT_ACTIVITY,
          Topics.CHAT_CONNECTIONS,
          Topics.CHAT_ACTIVITY_DLT,
          Topics.CHAT_CONNECTIONS_DLT);

  public static final int PARTITIONS = 3;

  private KafkaAdmin() {}

  /** Whether the broker at {@code bootstrap} answers a metadata request with one node. */
  static boolean clusterAnswers(String bootstrap) {
    try (Admin admin = admin(bootstrap)) {
      return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Creates {@link #CHAT_TOPICS} ({@value #PARTITIONS} partitions each) unless they exist. */
  public static void createChatTopics(String bootstrap) {
    try (Admin admin = admin(bootstrap)) {
      for (String topic : CHAT_TOPICS) {
        try {
          admin
              .createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
              .all()
              .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("Cannot create topic " + topic, e.getCause());
          }
        }
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not create the chat topics in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The names of all topics, internal ones excluded. */
  public static java.util.Set<String> topics(String bootstrap) {
    try (Admin admin = admin(bootstrap)) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot list topics of " + bootstrap, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
  }
}
