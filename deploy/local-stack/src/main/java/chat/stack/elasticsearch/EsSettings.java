package chat.stack.elasticsearch;

/** What differs between Elasticsearch nodes: the cluster name (also its log's name) and ports. */
record EsSettings(String clusterName, int httpPort, int transportPort) {

  String elasticsearchYml(java.nio.file.Path folder) {
    return """
        cluster.name: %s
        node.name: node-1
        discovery.type: single-node
        network.host: 127.0.0.1
        http.port: %d
        transport.port: %d
        path.data: %s
        path.logs: %s
        xpack.security.enabled: false
        cluster.routing.allocation.disk.threshold_enabled: false
        action.destructive_requires_name: false
        """
        .formatted(
            clusterName, httpPort, transportPort, folder.resolve("data"), folder.resolve("logs"));
  }
}
