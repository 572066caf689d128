package chat.messaging.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import chat.messaging.testing.InfrastructureTest;
import com.mongodb.MongoClientSettings;
import com.mongodb.connection.NettyTransportSettings;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The driver's transport, as Spring Boot builds it: every customizer of the context in its order
 * (Boot's own Netty customizer first), so the test fails if ours stops winning.
 */
class MongoTransportIT extends InfrastructureTest {

  @Autowired ObjectProvider<MongoClientSettingsBuilderCustomizer> customizers;
  @Autowired ReactorResourceFactory resources;

  @Test
  void theDriverUsesTheServersEventLoopsAndHeapBuffers() {
    MongoClientSettings.Builder builder = MongoClientSettings.builder();
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));

    NettyTransportSettings netty = (NettyTransportSettings) builder.build().getTransportSettings();
    assertThat(netty.getEventLoopGroup()).isSameAs(resources.getLoopResources().onServer(true));
    ByteBuf buffer = netty.getAllocator().buffer(64);
    try {
      // The driver copies BSON strings straight into the array only when there is one.
      assertThat(buffer.hasArray()).isTrue();
    } finally {
      buffer.release();
    }
  }
}
