package chat.stack.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server 1.47 knows the legacy {@code isMaster} but not its successor {@code hello},
 * which Boot 4's Mongo health indicator runs on EVERY database: without this the messaging
 * service's readiness stays DOWN once its database exists. Both backends answer {@code hello} with
 * the {@code isMaster} reply (plus {@code isWritablePrimary}).
 */
final class HelloCommand {

  private HelloCommand() {}

  interface Delegate {
    Document handle(Channel channel, String database, String command, Document query);
  }

  static Document handle(
      Channel channel, String database, String command, Document query, Delegate backend) {
    if (!"hello".equalsIgnoreCase(command)) {
      return backend.handle(channel, database, command, query);
    }
    Document reply = backend.handle(channel, "admin", "isMaster", query);
    reply.putIfAbsent("isWritablePrimary", Boolean.TRUE);
    return reply;
  }

  /** The memory backend, answering {@code hello}. */
  static final class Memory extends MemoryBackend {
    @Override
    public Document handleCommand(
        Channel channel, String database, String command, Document query) {
      return HelloCommand.handle(channel, database, command, query, super::handleCommand);
    }
  }

  /**
   * The H2 MVStore backend, answering {@code hello}, with unique indexes ordered by value (see
   * {@link ValueIndexedH2Database}).
   */
  static final class H2 extends H2Backend {
    /**
     * Pages of the file kept deserialized in memory. The cache is most of what survives a young
     * collection (its pages are replaced as commits write new ones), and no insert progresses
     * during one: 4 MB instead of the library's 16 MB halved those pauses (33-36 -> 19-20 ms at
     * 3,000 inserts/s) at the same CPU; a 64 MB cache kept pages long enough to be promoted,
     * filling the old generation, and each full collection stalled every insert for ~0.7 s. With
     * documents keyed by record number the pages inserts touch are few and stay cached anyway.
     */
    private static final int CACHE_MB = 4;

    /**
     * Leaf pages split at 4 KB instead of 16 KB. Message ids are hashes, so every insert lands in a
     * random leaf of the {@code _id} index (and, in collections written before {@link
     * RecordKeyedCollection}, of the document map), and a commit rewrites each modified leaf whole:
     * smaller leaves mean fewer neighbouring entries rewritten per message.
     */
    private static final int PAGE_SPLIT_BYTES = 4 * 1024;

    /** Rewrite chunks only once they are half empty (default: 90 % full), trading disk for CPU. */
    private static final int COMPACT_FILL_PERCENT = 50;

    H2(String file) {
      super(
          new MVStore.Builder()
              .fileName(file)
              .cacheSize(CACHE_MB)
              .pageSplitSize(PAGE_SPLIT_BYTES)
              .autoCompactFillRate(COMPACT_FILL_PERCENT)
              .open());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
      return new ValueIndexedH2Database(name, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(
        Channel channel, String database, String command, Document query) {
      return HelloCommand.handle(channel, database, command, query, super::handleCommand);
    }
  }
}
