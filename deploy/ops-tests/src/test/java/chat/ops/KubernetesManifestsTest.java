package chat.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** deploy/k8s: every manifest parses, and ports, probes, variables and selectors match the code. */
class KubernetesManifestsTest {

  static final List<String> SERVICES = Repo.SERVICES;

  /** Socket.IO ping interval + ping timeout (25 s + 20 s): proxies must wait longer. */
  private static final int SOCKET_IO_SILENCE_SECONDS = 45;

  private static List<HasMetadata> base;

  @BeforeAll
  static void parseBase() {
    base = Manifests.fromFiles(Repo.path("deploy/k8s/base"));
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void deploymentServesTheCodesPortWithActuatorProbes(String name) {
    Repo.ServiceCode code = Repo.service(name);
    Deployment deployment = Manifests.named(base, Deployment.class, name);
    Container container = container(deployment);
    assertThat(container.getImage()).startsWith("chat/" + name + ":");
    assertThat(container.getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getName()).isEqualTo("http"))
        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(code.port()));
    assertThat(value(container, "PORT")).isEqualTo(String.valueOf(code.port()));
    assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
    assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
    assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
    Map<String, String> annotations =
        deployment.getSpec().getTemplate().getMetadata().getAnnotations();
    assertThat(annotations)
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/path", "/actuator/prometheus")
        .containsEntry("prometheus.io/port", String.valueOf(code.port()));
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void deploymentHasResourcesAndRunsUnprivileged(String name) {
    Deployment deployment = Manifests.named(base, Deployment.class, name);
    Container container = container(deployment);
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
        .isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void terminationGraceOutlastsPreStopAndSpringShutdown(String name) {
    Repo.ServiceCode code = Repo.service(name);
    Deployment deployment = Manifests.named(base, Deployment.class, name);
    List<String> preStop = container(deployment).getLifecycle().getPreStop().getExec().getCommand();
    assertThat(preStop).hasSize(2).startsWith("sleep");
    long needed = Long.parseLong(preStop.get(1)) + code.shutdownPhase().toSeconds();
    assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isGreaterThan(needed);
    assertThat(
            deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isZero();
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void passesOnlyVariablesTheServiceReadsAndAllLoopbackOnes(String name) {
    Repo.ServiceCode code = Repo.service(name);
    Container container = container(Manifests.named(base, Deployment.class, name));
    Set<String> names = new TreeSet<>();
    container.getEnv().forEach(e -> names.add(e.getName()));
    container
        .getEnvFrom()
        .forEach(
            source ->
                names.addAll(
                    Manifests.named(base, ConfigMap.class, source.getConfigMapRef().getName())
                        .getData()
                        .keySet()));
    assertThat(names)
        .as("%s: variables the code never reads", name)
        .isSubsetOf(code.knownVariables());
    assertThat(names)
        .as("%s: loopback defaults left unset", name)
        .containsAll(code.loopbackVariables());
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void referencesOnlyExistingSharedSettingsAndTheSecret(String name) {
    Map<String, String> shared = Manifests.named(base, ConfigMap.class, "chat-config").getData();
    for (EnvVar env : container(Manifests.named(base, Deployment.class, name)).getEnv()) {
      var from = env.getValueFrom();
      if (from != null && from.getConfigMapKeyRef() != null) {
        assertThat(from.getConfigMapKeyRef().getName()).isEqualTo("chat-config");
        assertThat(shared).containsKey(from.getConfigMapKeyRef().getKey());
      }
      if (from != null && from.getSecretKeyRef() != null) {
        assertThat(from.getSecretKeyRef().getName()).isEqualTo("chat-secrets");
      }
    }
    assertThat(value(container(Manifests.named(base, Deployment.class, name)), "JWT_SECRET"))
        .isNull();
  }

  @Test
  void everySharedSettingIsUsed() {
    Set<String> used = new TreeSet<>();
    Manifests.ofType(base, Deployment.class).stream()
        .flatMap(d -> container(d).getEnv().stream())
        .map(EnvVar::getValueFrom)
        .filter(f -> f != null && f.getConfigMapKeyRef() != null)
        .forEach(f -> used.add(f.getConfigMapKeyRef().getKey()));
    assertThat(used)
        .containsAll(Manifests.named(base, ConfigMap.class, "chat-config").getData().keySet());
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void serviceAndDisruptionBudgetSelectTheDeploymentsPods(String name) {
    Deployment deployment = Manifests.named(base, Deployment.class, name);
    Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(selector);
    Service service = Manifests.named(base, Service.class, name);
    assertThat(service.getSpec().getSelector()).isEqualTo(selector);
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getPort()).isEqualTo(Repo.service(name).port()))
        .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
    PodDisruptionBudget pdb = Manifests.named(base, PodDisruptionBudget.class, name);
    assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(selector);
  }

  @Test
  void consumersAndSocketsScaleHorizontallyWithinTheirPartitions() {
    Map<String, String> topicOf =
        Map.of("presence-service", "chat-connections", "logging-service", "chat-activity");
    List<HasMetadata> infra = Manifests.fromFiles(Repo.path("deploy/k8s/infra"));
    for (String name : List.of("messaging-service", "presence-service", "logging-service")) {
      HorizontalPodAutoscaler hpa = Manifests.named(base, HorizontalPodAutoscaler.class, name);
      assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
      assertThat(hpa.getSpec().getMinReplicas()).isBetween(2, hpa.getSpec().getMaxReplicas());
      assertThat(hpa.getSpec().getMetrics()).anyMatch(m -> m.getResource().getName().equals("cpu"));
      if (topicOf.containsKey(name)) {
        GenericKubernetesResource topic =
            Manifests.named(infra, GenericKubernetesResource.class, topicOf.get(name));
        int partitions =
            ((Number) ((Map<?, ?>) topic.getAdditionalProperties().get("spec")).get("partitions"))
                .intValue();
        assertThat(hpa.getSpec().getMaxReplicas()).isLessThanOrEqualTo(partitions);
      }
    }
    assertThat(
            Manifests.ofType(infra, GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals("KafkaTopic"))
                .map(r -> r.getMetadata().getName())
                .toList())
        .containsExactlyInAnyOrderElementsOf(Repo.kafkaTopics());
  }

  @Test
  void ingressTerminatesTlsAndOutwaitsSocketIoPings() {
    Ingress ingress = Manifests.named(base, Ingress.class, "gateway-service");
    Map<String, String> annotations = ingress.getMetadata().getAnnotations();
    assertThat(annotations).containsKey("cert-manager.io/cluster-issuer");
    for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
      assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/" + timeout)))
          .isGreaterThan(SOCKET_IO_SILENCE_SECONDS);
    }
    assertThat(ingress.getSpec().getTls())
        .singleElement()
        .satisfies(t -> assertThat(t.getSecretName()).isNotBlank());
    var backend =
        ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService();
    assertThat(backend.getName()).isEqualTo("gateway-service");
    assertThat(Manifests.named(base, Service.class, "gateway-service").getSpec().getPorts())
        .anyMatch(p -> p.getName().equals(backend.getPort().getName()));
  }

  @Test
  void kustomizationListsEveryBaseFile() {
    String kustomization = Repo.read(Repo.path("deploy/k8s/base/kustomization.yaml"));
    Repo.files(Repo.path("deploy/k8s/base"), ".yaml").stream()
        .map(p -> Repo.path("deploy/k8s/base").relativize(p).toString())
        .filter(p -> !p.equals("kustomization.yaml"))
        .forEach(p -> assertThat(kustomization).contains("- " + p));
  }

  @Test
  void productionOverlayRendersIntoOneNamespaceWithReleasedImages() {
    assumeTrue(Commands.available("kubectl"), "kubectl not installed");
    List<HasMetadata> rendered = Manifests.kustomize("deploy/k8s/overlays/production");
    assertThat(rendered).hasSize(base.size() + 1);
    rendered.stream()
        .filter(o -> !o.getKind().equals("Namespace"))
        .forEach(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("chat"));
    Manifests.ofType(rendered, Deployment.class)
        .forEach(d -> assertThat(container(d).getImage()).startsWith("registry.example.com/chat/"));
    HorizontalPodAutoscaler messaging =
        Manifests.named(rendered, HorizontalPodAutoscaler.class, "messaging-service");
    assertThat(messaging.getSpec().getMetrics())
        .anyMatch(
            m ->
                m.getPods() != null
                    && m.getPods().getMetric().getName().equals("chat_socketio_connections"));
    assertThat(
            Manifests.named(rendered, Ingress.class, "gateway-service")
                .getSpec()
                .getRules()
                .get(0)
                .getHost())
        .isNotEqualTo("chat.example.com");
  }

  @Test
  void infrastructureExamplesRender() {
    assumeTrue(Commands.available("kubectl"), "kubectl not installed");
    assertThat(Manifests.kustomize("deploy/k8s/infra"))
        .extracting(HasMetadata::getKind)
        .contains(
            "Kafka", "KafkaNodePool", "KafkaTopic", "Elasticsearch", "MongoDBCommunity", "Redis");
    assertThat(Manifests.fromFiles(Repo.path("deploy/k8s/monitoring"))).isNotEmpty();
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe).as("probe on %s", path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }

  private static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static String value(Container container, String name) {
    return Stream.ofNullable(container.getEnv())
        .flatMap(List::stream)
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }
}
