package chat.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of every type in this module: ISO-8601 instants, unknown properties ignored so
 * that producers may add fields without breaking older consumers.
 */
public final class EventJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private EventJson() {}

  /** The shared, thread-safe mapper. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  public static byte[] write(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  /**
   * Reads {@code json} as {@code type}.
   *
   * @throws tools.jackson.core.JacksonException when the bytes are not valid JSON of that type
   */
  public static <T> T read(byte[] json, Class<T> type) {
    return MAPPER.readValue(json, type);
  }
}
