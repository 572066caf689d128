package chat.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Kubernetes manifests read into fabric8's typed model. */
final class Manifests {

  private Manifests() {}

  /** Every object of the YAML files under a folder (kustomization files excluded). */
  static List<HasMetadata> fromFiles(Path dir) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Path file : Repo.files(dir, ".yaml")) {
      if (!file.getFileName().toString().equals("kustomization.yaml")) {
        objects.addAll(parse(Repo.read(file)));
      }
    }
    return objects;
  }

  /** The objects of a multi-document YAML stream, e.g. the output of {@code kubectl kustomize}. */
  static List<HasMetadata> parse(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : yaml.split("(?m)^---\\s*$")) {
      if (document.lines().anyMatch(l -> l.startsWith("kind:"))) {
        objects.add(Serialization.unmarshal(document, HasMetadata.class));
      }
    }
    return objects;
  }

  /** Renders a kustomization with kubectl (offline). */
  static List<HasMetadata> kustomize(String dir) {
    var result = Commands.run(Repo.ROOT, Map.of(), List.of("kubectl", "kustomize", dir));
    assertThat(result.exitCode()).as("kubectl kustomize %s: %s", dir, result.output()).isZero();
    return parse(result.output());
  }

  static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
    return ofType(objects, type).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
  }
}
