/// A small valid pipeline file that tests extend or alter.
public enum ValidPipeline {
    public static let yaml = """
        name: test
        classification:
          levels: [public, internal, confidential, restricted]
          default: internal
          rules:
            - { if: { detectors: [iban] }, level: restricted }
        endpoints:
          local: { engine: embedded, sovereignty: self-hosted, clearance: restricted, context_tokens: 8192 }
          cloud: { url: "https://api.example.eu/v1", model: m, sovereignty: eu-cloud, clearance: internal,\
         context_tokens: 32000, api_key_env: KEY }
        routing:
          - { if: { levels: [public, internal] }, use: [cloud, local] }
          - { use: [local] }
        """
}
