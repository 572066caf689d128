package chat.stack.launcher;

import chat.stack.mongo.MongoWireProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The launcher's configuration, read once from the environment (see deploy/README.md).
 *
 * @param root the repository (jars are found below it)
 * @param dataDir {@code CHAT_DATA_DIR}, default {@code <root>/.data}: every byte the stack keeps
 * @param messagingReplicas {@code MESSAGING_REPLICAS} (1 or 2): a second messaging-service on 8091
 * @param readyTimeout {@code CHAT_READY_TIMEOUT} seconds a component may take to become ready
 * @param serviceJavaOptions {@code CHAT_JAVA_OPTS}: JVM options of the four services
 * @param ports the fixed ports shifted by {@code CHAT_PORT_OFFSET}
 * @param mongoStorage {@code CHAT_MONGODB_STORAGE}: {@code disk} (default) or {@code memory}
 * @param backgroundNiceness {@code CHAT_BACKGROUND_NICE} (0..19, default 10): the nice value of the
 *     components off the message path ({@link StackPlan}); 0 runs them at normal priority
 * @param backgroundIdle {@code CHAT_BACKGROUND_IDLE} ({@code true} or {@code false}, the default):
 *     whether those components also run under Linux's {@code SCHED_IDLE} policy
 * @param environment the launcher's environment, passed on to every service
 */
record StackSettings(
    Path root,
    Path dataDir,
    int messagingReplicas,
    Duration readyTimeout,
    List<String> serviceJavaOptions,
    Ports ports,
    MongoWireProcess.Storage mongoStorage,
    int backgroundNiceness,
    boolean backgroundIdle,
    Map<String, String> environment) {

  /**
   * A fixed 96 MB young generation: with the default (a third of a 64 MB initial heap) the
   * messaging service collected three times a second under the benchmark's load, each pause adding
   * to the tail latency of every message in flight. Netty's buffer leak detector (sampling 1 in 128
   * buffers with a stack trace, ~1 % of the messaging CPU) stays on in the tests only.
   */
  static final String DEFAULT_JAVA_OPTS =
      "-Xms160m -Xmx512m -Xmn96m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
          + " -Dio.netty.leakDetection.level=disabled";

  static StackSettings from(Path root, Map<String, String> env) {
    Path dataDir =
        Path.of(env.getOrDefault("CHAT_DATA_DIR", root.resolve(".data").toString()))
            .toAbsolutePath()
            .normalize();
    int replicas = Integer.parseInt(env.getOrDefault("MESSAGING_REPLICAS", "1"));
    if (replicas < 1 || replicas > 2) {
      throw new IllegalArgumentException("MESSAGING_REPLICAS must be 1 or 2, not " + replicas);
    }
    Duration timeout =
        Duration.ofSeconds(Long.parseLong(env.getOrDefault("CHAT_READY_TIMEOUT", "300")));
    List<String> javaOpts =
        Arrays.stream(env.getOrDefault("CHAT_JAVA_OPTS", DEFAULT_JAVA_OPTS).trim().split("\\s+"))
            .filter(option -> !option.isEmpty())
            .toList();
    Ports ports = new Ports(Integer.parseInt(env.getOrDefault("CHAT_PORT_OFFSET", "0")));
    MongoWireProcess.Storage storage =
        MongoWireProcess.Storage.named(env.getOrDefault("CHAT_MONGODB_STORAGE", "disk"));
    int niceness = Integer.parseInt(env.getOrDefault("CHAT_BACKGROUND_NICE", "10"));
    if (niceness < 0 || niceness > 19) {
      throw new IllegalArgumentException("CHAT_BACKGROUND_NICE must be 0..19, not " + niceness);
    }
    String idle = env.getOrDefault("CHAT_BACKGROUND_IDLE", "false");
    if (!idle.equals("true") && !idle.equals("false")) {
      throw new IllegalArgumentException("CHAT_BACKGROUND_IDLE must be true or false, not " + idle);
    }
    return new StackSettings(
        root,
        dataDir,
        replicas,
        timeout,
        javaOpts,
        ports,
        storage,
        niceness,
        Boolean.parseBoolean(idle),
        Map.copyOf(env));
  }

  /** Whether the variable is set: the component it names is external, the stack starts none. */
  boolean isSet(String variable) {
    String value = environment.get(variable);
    return value != null && !value.isBlank();
  }

  String get(String variable, String fallback) {
    return isSet(variable) ? environment.get(variable) : fallback;
  }
}
