extension JSONObject {
    /// The string under `key`, or nil when absent, null or not a string.
    public func string(_ key: String) -> String? {
        self[key]?.stringValue
    }

    /// The integer under `key`, or nil when absent, null or not an integer.
    public func int(_ key: String) -> Int? {
        self[key]?.intValue.map { Int($0) }
    }

    /// The number under `key`, or nil when absent, null or not a number.
    public func double(_ key: String) -> Double? {
        self[key]?.doubleValue
    }

    /// The boolean under `key`, or nil when absent, null or not a boolean.
    public func bool(_ key: String) -> Bool? {
        self[key]?.boolValue
    }

    /// The object under `key`, or nil when absent, null or not an object.
    public func object(_ key: String) -> JSONObject? {
        self[key]?.objectValue
    }

    /// The array under `key`, or an empty array when absent, null or not an array.
    public func array(_ key: String) -> [JSON] {
        self[key]?.arrayValue ?? []
    }

    /// The strings in the array under `key`, skipping elements that are not strings.
    public func strings(_ key: String) -> [String] {
        array(key).compactMap(\.stringValue)
    }

    /// The ISO 8601 timestamp under `key`, or nil when absent, null or unreadable.
    public func timestamp(_ key: String) -> Timestamp? {
        string(key).flatMap { Timestamp.parseISO8601($0)?.timestamp }
    }
}
