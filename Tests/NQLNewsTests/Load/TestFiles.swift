import Foundation

/// A temporary folder for one test, removed when the value is released.
final class TempFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "nql-load-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` as UTF-8 to `name` (sub-folders are created) and returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) -> String {
        let full = path + "/" + name
        try? FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let written = FileManager.default.createFile(atPath: full, contents: data)
        precondition(written, "could not write the test file \(full)")
        return full
    }
}

/// The package's own folder, found from this source file.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}()
