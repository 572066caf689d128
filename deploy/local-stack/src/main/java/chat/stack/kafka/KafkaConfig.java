package chat.stack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The broker's {@code server.properties} and log4j2 configuration, written into its folder. */
record KafkaConfig(Path serverProperties, Path log4jProperties, Path logDir) {

  static KafkaConfig write(Path folder, int port, int controllerPort, String logLevel) {
    Path logDir = folder.resolve("data");
    String server =
        """
        process.roles=broker,controller
        node.id=1
        controller.quorum.voters=1@127.0.0.1:%2$d
        listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
        advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
        listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
        controller.listener.names=CONTROLLER
        inter.broker.listener.name=PLAINTEXT
        log.dirs=%3$s
        num.partitions=3
        auto.create.topics.enable=true
        offsets.topic.replication.factor=1
        offsets.topic.num.partitions=10
        transaction.state.log.replication.factor=1
        transaction.state.log.min.isr=1
        share.coordinator.state.topic.replication.factor=1
        share.coordinator.state.topic.min.isr=1
        group.initial.rebalance.delay.ms=0
        """
            .formatted(port, controllerPort, logDir);
    String log4j =
        """
        status = warn
        appender.out.type = Console
        appender.out.name = OUT
        appender.out.layout.type = PatternLayout
        appender.out.layout.pattern = [%%d] %%p %%m (%%c)%%n
        rootLogger.level = %s
        rootLogger.appenderRef.out.ref = OUT
        logger.state.name = state.change.logger
        logger.state.level = WARN
        logger.request.name = kafka.request.logger
        logger.request.level = WARN
        """
            .formatted(logLevel);
    try {
      Files.createDirectories(logDir);
      Path serverFile = Files.writeString(folder.resolve("server.properties"), server);
      Path log4jFile = Files.writeString(folder.resolve("log4j2.properties"), log4j);
      return new KafkaConfig(serverFile, log4jFile, logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
