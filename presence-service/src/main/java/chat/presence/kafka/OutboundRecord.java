package chat.presence.kafka;

import java.util.Map;

/**
 * One record to produce.
 *
 * @param topic destination
 * @param key partitioning key
 * @param value serialized value
 * @param headers string headers, e.g. why a record was dead-lettered
 */
public record OutboundRecord(String topic, String key, byte[] value, Map<String, String> headers) {

  public OutboundRecord {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
