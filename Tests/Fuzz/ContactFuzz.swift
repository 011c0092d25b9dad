import InflowCore
import InflowParse

/// libFuzzer entry point: one input is one vCard file for the contact parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContact(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let item = RawItem(
        source: .google, dataType: .contacts, origin: Origin(file: "fuzz.vcf", sha256: "0"), bytes: bytes)
    for contact in ContactParser.parse(item).contacts {
        _ = contact.json.text
    }
    return 0
}
