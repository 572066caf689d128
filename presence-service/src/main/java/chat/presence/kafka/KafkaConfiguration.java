package chat.presence.kafka;

import chat.presence.PresenceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

  @Bean
  KafkaInbound kafkaInbound(PresenceProperties properties) {
    return new ReactorKafkaInbound(properties.kafka(), properties.instanceId());
  }

  /** Closed by the container: Spring infers {@code close()} of an {@link AutoCloseable} bean. */
  @Bean
  KafkaOutbound kafkaOutbound(PresenceProperties properties) {
    return new ReactorKafkaOutbound(properties.kafka().broker(), properties.instanceId());
  }
}
