import InflowCore
import InflowParse

/// libFuzzer entry point: one input is one iCalendar file for the calendar parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCalendar(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let item = RawItem(
        source: .google, dataType: .meetings, origin: Origin(file: "fuzz.ics", sha256: "0"), bytes: bytes)
    for meeting in CalendarParser.parse(item, defaultTimeZone: "Europe/Berlin").meetings {
        _ = meeting.json.text
    }
    return 0
}
