package chat.presence.connection;

import chat.presence.PresenceProperties;
import chat.presence.kafka.KafkaInbound;
import chat.presence.kafka.KafkaOutbound;
import chat.presence.status.PresenceStore;
import chat.presence.status.Transitions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConnectionConfiguration {

  @Bean
  ConnectionEventConsumer connectionEventConsumer(
      KafkaInbound inbound,
      KafkaOutbound outbound,
      PresenceStore store,
      Transitions transitions,
      PresenceProperties properties,
      MeterRegistry meters) {
    return new ConnectionEventConsumer(
        inbound,
        outbound,
        store,
        transitions,
        new ConsumerMetrics(meters),
        properties,
        Clock.systemUTC());
  }
}
