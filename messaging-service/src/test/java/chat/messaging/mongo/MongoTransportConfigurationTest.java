package chat.messaging.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.connection.NettyTransportSettings;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.ReactorResourceFactory;

class MongoTransportConfigurationTest {

  @Test
  void theDriverUsesTheServersEventLoopsAndHeapBuffers() {
    ReactorResourceFactory resources = new ReactorResourceFactory();
    resources.setUseGlobalResources(false);
    resources.start();
    try {
      MongoClientSettings.Builder builder = MongoClientSettings.builder();

      new MongoTransportConfiguration().serverLoopsWithHeapBuffers(resources).customize(builder);

      NettyTransportSettings netty =
          (NettyTransportSettings) builder.build().getTransportSettings();
      assertThat(netty.getEventLoopGroup()).isSameAs(resources.getLoopResources().onServer(true));
      ByteBuf buffer = netty.getAllocator().buffer(64);
      try {
        // The driver copies BSON strings straight into the array only when there is one.
        assertThat(buffer.hasArray()).isTrue();
      } finally {
        buffer.release();
      }
    } finally {
      resources.stop();
    }
  }
}
