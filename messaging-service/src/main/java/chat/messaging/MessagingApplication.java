package chat.messaging;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import reactor.netty.ReactorNetty;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MessagingApplication {

  public static void main(String[] args) {
    oneEventLoopPerCore();
    SpringApplication.run(MessagingApplication.class, args);
  }

  /**
   * Reactor Netty runs at least four event loops; on fewer cores the extra loops only add thread
   * hand-overs and wake-ups (a message reaches each loop that holds one of its recipients). An
   * explicit {@code -Dreactor.netty.ioWorkerCount} wins.
   */
  private static void oneEventLoopPerCore() {
    if (System.getProperty(ReactorNetty.IO_WORKER_COUNT) == null) {
      System.setProperty(
          ReactorNetty.IO_WORKER_COUNT,
          Integer.toString(Runtime.getRuntime().availableProcessors()));
    }
  }
}
