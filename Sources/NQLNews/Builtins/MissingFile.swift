import Foundation
import NQL

/// `load` of one named file that is not there: an error with the nearest
/// name in its folder ("did you mean …?"), because a typo that quietly gives
/// `[]` makes every later line wrong. Folders and globs still warn and go on.
enum MissingFile {
    /// The extensions `load` reads; a path ending in one names a single file.
    static let fileExtensions: Set<String> = ["txt", "md", "markdown", "html", "htm", "json", "jsonl", "ndjson"]

    /// The message for `raw` (as written) resolved to `path`, or nil when
    /// it is not a single named file, or it exists.
    static func message(_ raw: String, path: String) -> String? {
        guard raw != "-", !raw.hasSuffix("/"), !raw.contains(where: { "*?[".contains($0) }),
              fileExtensions.contains((raw as NSString).pathExtension.lowercased()),
              !FileManager.default.fileExists(atPath: path) else { return nil }
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var message = "no such file '\(raw)'"
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: folder),
           let near = Suggest.closest(to: name, among: entries.prefix(10_000).filter { !$0.hasPrefix(".") }) {
            let shownFolder = (raw as NSString).deletingLastPathComponent
            message += "; did you mean '\(shownFolder.isEmpty ? near : shownFolder + "/" + near)'?"
        } else if !FileManager.default.fileExists(atPath: folder) {
            message += " (its folder does not exist)"
        }
        return message
    }
}
