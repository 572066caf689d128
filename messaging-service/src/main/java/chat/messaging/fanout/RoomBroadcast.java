package chat.messaging.fanout;

/** Sends a room event to every matching socket on every replica. */
public interface RoomBroadcast {

  /**
   * @param sentAtMicros when the request that caused it arrived ({@link Clocks#epochMicros()}), to
   *     measure delivery latency; 0 to not measure
   */
  void publish(Audience audience, String event, Object payload, long sentAtMicros);
}
