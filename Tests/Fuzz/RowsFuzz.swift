import InflowCore
import InflowParse

/// libFuzzer entry point: one input is read as a CSV file, as a JSON (Lines) file and as a
/// HubSpot date-time, the three readers of generic rows.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRows(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    try? GenericRowReader.csv(bytes) { _ = $0.json.text }
    try? GenericRowReader.json(bytes) { _ = $0.json.text }
    if size < 64 {
        _ = HubSpotDateTime.parse(String(decoding: bytes, as: UTF8.self), timeZone: "America/New_York")
    }
    return 0
}
