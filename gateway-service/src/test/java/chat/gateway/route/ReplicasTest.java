package chat.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import chat.gateway.route.ReplicaLoadBalancerFilter.Replicas;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicasTest {

  private static final URI A = URI.create("http://10.0.0.1:8081");
  private static final URI B = URI.create("http://10.0.0.2:8081");

  @Test
  void roundRobin() {
    Replicas replicas = new Replicas(List.of(A, B));

    assertThat(List.of(replicas.next(0), replicas.next(0), replicas.next(0)))
        .containsExactly(A, B, A);
  }

  @Test
  void ejectedReplicaIsSkippedUntilItsTimeIsUp() {
    Replicas replicas = new Replicas(List.of(A, B));
    replicas.eject(A, 1000);

    assertThat(List.of(replicas.next(10), replicas.next(10), replicas.next(10))).containsOnly(B);
    assertThat(List.of(replicas.next(1000), replicas.next(1000))).contains(A);
  }

  @Test
  void whenAllAreEjectedRoundRobinGoesOn() {
    Replicas replicas = new Replicas(List.of(A, B));
    replicas.eject(A, 1000);
    replicas.eject(B, 1000);

    assertThat(List.of(replicas.next(0), replicas.next(0))).containsExactly(A, B);
  }

  @Test
  void resolveKeepsPathAndEncodedQuery() {
    URI url = URI.create("lb://messaging/api/rooms/general/messages?beforeSeq=10&q=a%20b");

    assertThat(ReplicaLoadBalancerFilter.resolve(url, B))
        .isEqualTo(
            URI.create("http://10.0.0.2:8081/api/rooms/general/messages?beforeSeq=10&q=a%20b"));
  }
}
