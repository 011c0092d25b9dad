internal import InflowCore

extension MailExtractor {
    /// Reads an archive's entries in order, delivering items and recording the rest.
    func extractArchive(
        into result: inout ExtractedFile, limits: ArchiveLimits,
        deliver: (RawItem) throws -> Void
    ) rethrows {
        let items: ArchiveItems
        do {
            items = try ArchiveItems(path: result.path, extractor: self, limits: limits)
        } catch {
            result.failure = error
            return
        }
        defer { result.entries = items.entries }
        while true {
            let event: ArchiveEvent?
            do {
                event = try items.next()
            } catch {
                result.failure = error
                return
            }
            switch event {
            case nil: return
            case .item(let item)?:
                try deliver(item)
                result.count(item.dataType)
            case .reject(let reject)?: result.rejects.append(reject)
            case .ignored(let entry)?: result.ignored.append(entry)
            case .failed(let entry)?: result.failedEntries.append(entry)
            case .note(let note)?: result.notes.append(note)
            }
        }
    }
}
