package chat.messaging.room;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The contract's {@code Room}: {@code {id, type, members?, lastSeq}}.
 *
 * @param id the room id
 * @param type global or dm
 * @param members the two users of a DM; absent for the global room
 * @param lastSeq the highest stored sequence number, 0 for a room without messages
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoomSummary(String id, RoomType type, List<String> members, long lastSeq) {}
