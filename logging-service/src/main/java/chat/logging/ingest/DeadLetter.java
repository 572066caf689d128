package chat.logging.ingest;

/**
 * A record that can never be indexed, and why.
 *
 * @param record the original record, sent on unchanged (key and value)
 * @param reason {@code unparseable}, {@code invalid} or {@code rejected} (refused by the mapping)
 * @param detail what exactly was wrong, for the person who looks at the dead-letter topic
 */
record DeadLetter(SourceRecord record, String reason, String detail) {}
