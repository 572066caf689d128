package chat.logging.index;

import chat.logging.LoggingProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.elasticsearch.client.elc.ReactiveElasticsearchClient;

@Configuration(proxyBeanMethods = false)
class IndexConfiguration {

  @Bean
  ChatLogsIndex chatLogsIndex(LoggingProperties properties) {
    return new ChatLogsIndex(properties.index().name());
  }

  @Bean
  LogDocuments logDocuments(ChatLogsIndex index) {
    return new LogDocuments(index);
  }

  @Bean
  IndexTemplateInstaller indexTemplateInstaller(
      ReactiveElasticsearchClient client,
      ChatLogsIndex index,
      LoggingProperties properties,
      Clock clock) {
    return new IndexTemplateInstaller(client, index, properties.index(), clock);
  }

  @Bean
  LogSearch logSearch(ReactiveElasticsearchClient client, ChatLogsIndex index) {
    return new LogSearch(client, index);
  }
}
