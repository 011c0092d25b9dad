import InflowCore
import InflowParse

/// libFuzzer entry point: one input is one raw message for the email parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEmail(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let item = RawItem(
        source: .google, dataType: .emails, origin: Origin(file: "fuzz.eml", sha256: "0"), bytes: bytes)
    if case .success(let record) = EmailParser.parse(item) {
        _ = record.json.text
    }
    return 0
}
