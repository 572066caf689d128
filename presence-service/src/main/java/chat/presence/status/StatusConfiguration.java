package chat.presence.status;

import chat.presence.PresenceProperties;
import chat.presence.activity.ActivityPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class StatusConfiguration {

  @Bean
  PresenceStore presenceStore(ReactiveStringRedisTemplate redis, PresenceProperties properties) {
    return new PresenceStore(redis, properties.presence());
  }

  @Bean
  Transitions transitions(
      ActivityPublisher activity, PresenceProperties properties, MeterRegistry meters) {
    return new Transitions(activity, properties.instanceId(), Clock.systemUTC(), meters);
  }

  @Bean
  Sweeper sweeper(
      PresenceStore store,
      Transitions transitions,
      PresenceProperties properties,
      MeterRegistry meters) {
    return new Sweeper(store, transitions, properties.presence(), meters);
  }
}
