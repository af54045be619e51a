import Foundation

/// The pipeline the end-to-end tests run over the embedded engine (llama-server and the model from
/// scripts/setup.sh).
public enum SamplePipeline {
    /// A pipeline over the embedded engine whose output goes to `folder/out`: clause-review on every
    /// chunk, and with `quoting`, clause-quote on governing-law passages and a cost section.
    public static func write(name: String, in folder: URL, quoting: Bool) throws -> URL {
        let pipelines = TestPaths.repositoryRoot.appendingPathComponent("Pipelines").path
        let file = folder.appendingPathComponent("pipeline.yaml")
        let quote = """
              - { name: clause-quote, prompt: \(pipelines)/prompts/clause-quote.md, schema:\
             \(pipelines)/schemas/clause-quote.json, max_output_tokens: 160, clauses: [Governing Law] }
            cost:
              self_hosted_monthly: 1500
              api_prices:
                some-api: { input_per_million: 0.2, output_per_million: 0.6 }

            """
        try """
        name: \(name)
        output: \(folder.path)/out
        classification:
          levels: [public, internal, confidential, restricted]
          default: internal
          rules:
            - { if: { detectors: [email, phone, person, postal_address, iban] }, level: confidential }
        endpoints:
          local: { engine: embedded, model: gemma-3-270m-q4_k_m, sovereignty: self-hosted, clearance: restricted,\
         context_tokens: 8192, max_concurrency: 4 }
        routing:
          - { use: [local] }
        tasks:
          - { name: clause-review, prompt: \(pipelines)/prompts/clause-review.md, schema:\
         \(pipelines)/schemas/clause-review.json, max_output_tokens: 200 }

        """.appending(quoting ? quote : "").write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}
