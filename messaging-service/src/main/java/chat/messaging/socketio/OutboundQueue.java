package chat.messaging.socketio;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.WebSocketMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The frames waiting for one client's WebSocket. Many producers (any thread that emits), one
 * consumer (the WebSocket send): an MPSC queue whose bound is kept by a counter, so that offering
 * never blocks and a client that does not read is detected instead of buffered without end.
 */
final class OutboundQueue {

  private final Sinks.Many<WebSocketMessage> sink =
      Sinks.unsafe()
          .many()
          .unicast()
          .onBackpressureBuffer(Queues.<WebSocketMessage>unboundedMultiproducer().get());
  private final AtomicInteger queued = new AtomicInteger();
  private final int capacity;
  private final DataBufferFactory buffers;
  private final Runnable onFrameWritten;

  OutboundQueue(int capacity, DataBufferFactory buffers, Runnable onFrameWritten) {
    this.capacity = capacity;
    this.buffers = buffers;
    this.onFrameWritten = onFrameWritten;
  }

  enum Offer {
    QUEUED,
    FULL,
    CLOSED
  }

  /** Queues a text frame; the bytes are wrapped, not copied, so one frame can go to many queues. */
  Offer offer(byte[] frame) {
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      return Offer.FULL;
    }
    var message = new WebSocketMessage(WebSocketMessage.Type.TEXT, buffers.wrap(frame));
    if (sink.tryEmitNext(message).isFailure()) {
      queued.decrementAndGet();
      return Offer.CLOSED;
    }
    return Offer.QUEUED;
  }

  /** The frames in queue order, as the WebSocket takes them; completes after {@link #complete}. */
  Flux<WebSocketMessage> frames() {
    return sink.asFlux()
        .doOnNext(
            frame -> {
              queued.decrementAndGet();
              onFrameWritten.run();
            });
  }

  /** No more frames; what is still queued is dropped with the connection. */
  void complete() {
    sink.tryEmitComplete();
  }
}
