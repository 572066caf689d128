package chat.messaging.mongo;

import com.mongodb.connection.TransportSettings;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;

/**
 * The MongoDB driver's Netty transport, chosen here rather than left to Spring Boot, for two
 * reasons measured under load:
 *
 * <ul>
 *   <li><b>The server's event loops</b>, not a group of the driver's own: one set of threads
 *       instead of two on a small machine, and a stored batch is answered on a loop that also holds
 *       sockets, without another thread hand-over.
 *   <li><b>Heap buffers</b>: the driver writes the BSON of an insert straight into a buffer's array
 *       when it has one; into a direct buffer it goes byte by byte through Netty's checks, which
 *       took a fifth of this service's CPU at 3,000 messages a second.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class MongoTransportConfiguration {

  /**
   * Netty's pool with one heap arena (its default is two per core, each holding 4 MB chunks once
   * used): the driver's buffers are a few KB per operation.
   */
  private static final PooledByteBufAllocator HEAP_BUFFERS =
      new PooledByteBufAllocator(
          false,
          1,
          0,
          PooledByteBufAllocator.defaultPageSize(),
          PooledByteBufAllocator.defaultMaxOrder(),
          PooledByteBufAllocator.defaultSmallCacheSize(),
          PooledByteBufAllocator.defaultNormalCacheSize(),
          PooledByteBufAllocator.defaultUseCacheForAllThreads());

  /** Runs after Spring Boot's own transport customizer, which has the highest precedence. */
  @Bean
  MongoClientSettingsBuilderCustomizer serverLoopsWithHeapBuffers(
      ReactorResourceFactory resources) {
    return settings -> {
      LoopResources loops = resources.getLoopResources();
      EventLoopGroup group = loops.onServer(true);
      settings.transportSettings(
          TransportSettings.nettyBuilder()
              .eventLoopGroup(group)
              .socketChannelClass(loops.onChannelClass(SocketChannel.class, group))
              .allocator(HEAP_BUFFERS)
              .build());
    };
  }
}
