/// The `InflowEnrich` module; its types live in the files beside this one.
enum InflowEnrichNamespace {}
