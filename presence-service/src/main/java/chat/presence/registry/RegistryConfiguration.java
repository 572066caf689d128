package chat.presence.registry;

import chat.presence.PresenceProperties;
import chat.presence.kafka.KafkaInbound;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

  @Bean
  UserRegistry userRegistry(ReactiveStringRedisTemplate redis) {
    return new UserRegistry(redis);
  }

  @Bean
  @ConditionalOnProperty(
      name = "chat.kafka.consume-registrations",
      havingValue = "true",
      matchIfMissing = true)
  RegistrationConsumer registrationConsumer(
      KafkaInbound kafka,
      UserRegistry registry,
      PresenceProperties properties,
      MeterRegistry meters) {
    return new RegistrationConsumer(kafka, registry, properties.kafka(), meters);
  }
}
