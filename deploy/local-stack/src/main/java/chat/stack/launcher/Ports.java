package chat.stack.launcher;

/**
 * The local stack's ports: the fixed ones (a shared decision: tests never use them), all shifted by
 * {@code CHAT_PORT_OFFSET} (default 0) so that a second stack (the test command's, while a
 * developer's runs) can coexist.
 */
record Ports(int offset) {

  int gateway() {
    return 8080 + offset;
  }

  int messaging() {
    return 8081 + offset;
  }

  int messaging2() {
    return 8091 + offset;
  }

  int presence() {
    return 8082 + offset;
  }

  int logging() {
    return 8083 + offset;
  }

  int redis() {
    return 6380 + offset;
  }

  int mongodb() {
    return 27018 + offset;
  }

  int kafka() {
    return 9092 + offset;
  }

  int kafkaController() {
    return 9093 + offset;
  }

  int elasticsearch() {
    return 9200 + offset;
  }

  int elasticsearchTransport() {
    return 9300 + offset;
  }
}
