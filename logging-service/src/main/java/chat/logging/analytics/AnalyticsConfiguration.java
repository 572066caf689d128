package chat.logging.analytics;

import chat.logging.index.LogSearch;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AnalyticsConfiguration {

  @Bean
  AnalyticsQueries analyticsQueries(LogSearch search) {
    return new AnalyticsQueries(search);
  }
}
