package chat.stack.launcher;

import java.nio.file.Path;

/** Where the stack keeps things under its data directory. */
record StackFiles(Path dataDir) {

  Path logs() {
    return dataDir.resolve("logs");
  }

  Path log(String component) {
    return logs().resolve(component + ".log");
  }

  Path run() {
    return dataDir.resolve("run");
  }

  /** Held (file lock) by the running launcher: a second launcher on this data dir stops early. */
  Path lock() {
    return run().resolve("launcher.lock");
  }

  Path launcherPid() {
    return run().resolve("launcher.pid");
  }

  /** The loopback port of the running launcher's control endpoint (restart, status). */
  Path controlPort() {
    return run().resolve("control.port");
  }

  /** Copies of the service jars the stack runs (see JarStaging). */
  Path jars() {
    return run().resolve("jars");
  }

  Path jwtSecret() {
    return dataDir.resolve("jwt-secret");
  }

  Path redis() {
    return dataDir.resolve("redis");
  }

  Path mongodb() {
    return dataDir.resolve("mongodb");
  }

  Path kafka() {
    return dataDir.resolve("kafka");
  }

  /** Elasticsearch's folder as seen from the data dir (maybe a symlink, see EsPlacement). */
  Path elasticsearch() {
    return dataDir.resolve("elasticsearch");
  }
}
