package chat.messaging.socketio;

import java.util.LinkedHashMap;
import java.util.Map;

/** Error acks the protocol layer answers by itself, in the contract's shape. */
final class Acks {

  private Acks() {}

  /** {@code {ok: false, error: {code: "bad_request", message}}}. */
  static Map<String, Object> badRequest(String message) {
    return error("bad_request", message);
  }

  /** {@code {ok: false, error: {code: "internal", ...}}}: no detail ever reaches the client. */
  static Map<String, Object> internal() {
    return error("internal", "internal error");
  }

  static Map<String, Object> error(String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("ok", false);
    ack.put("error", error);
    return ack;
  }
}
