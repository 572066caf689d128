package chat.messaging.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.events.EventJson;
import chat.messaging.error.ChatException;
import chat.messaging.error.ErrorCode;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

class RequestsTest {

  private static JsonNode json(String text) {
    return EventJson.mapper().readTree(text);
  }

  private static void assertBadRequest(Function<JsonNode, ?> parser, String payload) {
    assertThatThrownBy(() -> parser.apply(json(payload)))
        .as(payload)
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void sendMessageReadsRoomContentAndOptionalClientMsgId() {
    assertThat(Requests.sendMessage(json("{\"room\":\"general\",\"content\":\"hi\"}")))
        .isEqualTo(new Requests.SendMessage("general", "hi", null));
    assertThat(
            Requests.sendMessage(
                json("{\"room\":\"general\",\"content\":\"hi\",\"clientMsgId\":\"c1\",\"x\":1}")))
        .isEqualTo(new Requests.SendMessage("general", "hi", "c1"));
  }

  @Test
  void sendMessageRefusesMissingFieldsWrongTypesAndNonObjects() {
    Function<JsonNode, ?> p = Requests::sendMessage;
    assertBadRequest(p, "{\"content\":\"hi\"}");
    assertBadRequest(p, "{\"room\":\"general\"}");
    assertBadRequest(p, "{\"room\":5,\"content\":\"hi\"}");
    assertBadRequest(p, "{\"room\":\"general\",\"content\":[\"hi\"]}");
    assertBadRequest(p, "{\"room\":\"general\",\"content\":\"hi\",\"clientMsgId\":7}");
    assertBadRequest(p, "{\"room\":\"general\",\"content\":\"hi\",\"clientMsgId\":\"\"}");
    assertBadRequest(p, "\"hello\"");
    assertBadRequest(p, "[1,2]");
    assertBadRequest(p, "null");
    assertThatThrownBy(() -> Requests.sendMessage(MissingNode.getInstance()))
        .isInstanceOf(ChatException.class);
  }

  @Test
  void typingNeedsABoolean() {
    assertThat(Requests.typing(json("{\"room\":\"general\",\"isTyping\":true}")))
        .isEqualTo(new Requests.Typing("general", true));
    assertBadRequest(Requests::typing, "{\"room\":\"general\",\"isTyping\":\"yes\"}");
    assertBadRequest(Requests::typing, "{\"room\":\"general\"}");
  }

  @Test
  void loadHistoryLimitIsOneToHundredDefaultFifty() {
    assertThat(Requests.loadHistory(json("{\"room\":\"general\"}")))
        .isEqualTo(new Requests.LoadHistory("general", null, 50));
    assertThat(Requests.loadHistory(json("{\"room\":\"general\",\"beforeSeq\":9,\"limit\":100}")))
        .isEqualTo(new Requests.LoadHistory("general", 9L, 100));
    assertBadRequest(Requests::loadHistory, "{\"room\":\"general\",\"limit\":0}");
    assertBadRequest(Requests::loadHistory, "{\"room\":\"general\",\"limit\":101}");
    assertBadRequest(Requests::loadHistory, "{\"room\":\"general\",\"limit\":2.5}");
    assertBadRequest(Requests::loadHistory, "{\"room\":\"general\",\"beforeSeq\":\"9\"}");
    assertBadRequest(Requests::loadHistory, "{\"room\":\"general\",\"beforeSeq\":0}");
  }

  @Test
  void joinChatAcceptsNoPayloadAndReadsLastSeen() {
    assertThat(Requests.joinChat(MissingNode.getInstance()))
        .isEqualTo(new Requests.JoinChat(null, Map.of()));
    assertThat(Requests.joinChat(json("{\"username\":\"alice\",\"lastSeen\":{\"general\":3}}")))
        .isEqualTo(new Requests.JoinChat("alice", Map.of("general", 3L)));
    assertBadRequest(Requests::joinChat, "{\"lastSeen\":{\"general\":-1}}");
    assertBadRequest(Requests::joinChat, "{\"lastSeen\":{\"general\":\"3\"}}");
    assertBadRequest(Requests::joinChat, "{\"lastSeen\":[1]}");
    assertBadRequest(Requests::joinChat, "{\"username\":7}");
    assertBadRequest(Requests::joinChat, "\"alice\"");
  }

  @Test
  void startDmNeedsARecipient() {
    assertThat(Requests.startDm(json("{\"recipientId\":\"bob\"}")))
        .isEqualTo(new Requests.StartDm("bob"));
    assertBadRequest(Requests::startDm, "{}");
    assertBadRequest(Requests::startDm, "{\"recipientId\":{}}");
  }
}
