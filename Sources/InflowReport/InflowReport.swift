/// The `InflowReport` module; its types live in the files beside this one.
enum InflowReportNamespace {}
