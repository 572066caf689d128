package chat.presence.activity;

import chat.presence.PresenceProperties;
import chat.presence.kafka.KafkaOutbound;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ActivityConfiguration {

  @Bean
  ActivityPublisher activityPublisher(
      KafkaOutbound kafka, PresenceProperties properties, MeterRegistry meters) {
    return new ActivityPublisher(
        kafka, properties.kafka().activityTopic(), properties.kafka().activityBuffer(), meters);
  }
}
