package chat.logging.ingest;

import chat.logging.LoggingProperties;
import chat.logging.index.IndexTemplateInstaller;
import chat.logging.index.LogDocuments;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.elasticsearch.client.elc.ReactiveElasticsearchClient;
import reactor.core.publisher.Mono;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  @Bean(destroyMethod = "close")
  KafkaActivitySource activitySource(LoggingProperties properties) {
    return new KafkaActivitySource(properties.kafka());
  }

  @Bean(destroyMethod = "close")
  KafkaDeadLetterSink deadLetterSink(LoggingProperties properties) {
    return new KafkaDeadLetterSink(properties.kafka());
  }

  @Bean
  IndexingMetrics indexingMetrics(MeterRegistry registry, Clock clock, ActivitySource source) {
    IndexingMetrics metrics = new IndexingMetrics(registry, clock);
    metrics.consumerLag(source, ActivitySource::lag);
    return metrics;
  }

  @Bean
  IndexingPipeline indexingPipeline(
      IndexTemplateInstaller template,
      ActivitySource source,
      LogDocuments documents,
      ReactiveElasticsearchClient client,
      DeadLetterSink deadLetters,
      IndexingMetrics metrics,
      LoggingProperties properties) {
    BatchIndexer indexer =
        new BatchIndexer(
            documents,
            new ElasticsearchBulkWriter(client),
            deadLetters,
            metrics,
            properties.indexing());
    return new IndexingPipeline(
        Mono.defer(template::ensure),
        source,
        indexer,
        metrics,
        properties.indexing(),
        properties.kafka().stallTimeout());
  }
}
