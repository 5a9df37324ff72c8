// Saving results without ever leaving a half-written file: the data goes to a temporary
// file in the same directory (same file system, so the rename is atomic), is flushed to
// disk, and is then renamed over the target. A reader sees the old file or the new one.
// An existing target keeps its permissions.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The file formats `save` writes, chosen by the file's extension.
public enum SaveFormat: String, Sendable, Equatable, CaseIterable {
    /// One JSON document (`.json`).
    case json
    /// One JSON value per line (`.jsonl`, `.ndjson`).
    case jsonl
    /// Comma-separated values with a header row (`.csv`).
    case csv

    /// The format for a path's extension, or an error naming the ones supported.
    public init(path: String) throws {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "json": self = .json
        case "jsonl", "ndjson": self = .jsonl
        case "csv": self = .csv
        default:
            throw AnalysisError(ext.isEmpty
                ? "cannot tell the format of '\(path)': add .json, .jsonl or .csv"
                : "unsupported file type '.\(ext)' for '\(path)': use .json, .jsonl or .csv")
        }
    }
}

extension Analysis {
    /// One CSV field: quoted when it holds a comma, quote, or line break (RFC 4180).
    public static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One CSV line (with CRLF, as RFC 4180 asks).
    public static func csvLine(_ fields: [String]) -> String {
        fields.map(csvField).joined(separator: ",") + "\r\n"
    }
}

/// Writes `data` to `path` atomically: to a temporary file beside it, then renamed over it.
/// Errors name the path and the reason (missing directory, permission denied, ...).
public func writeAtomically(_ data: Data, to path: String) throws {
    guard !path.isEmpty else { throw AnalysisError("cannot save: the path is empty") }
    guard !path.hasSuffix("/") else { throw AnalysisError("cannot save to '\(path)': it is a directory") }
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let name = url.lastPathComponent

    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
        throw AnalysisError("cannot save to '\(path)': directory '\(directory)' does not exist")
    }
    if !isDirectory.boolValue {
        throw AnalysisError("cannot save to '\(path)': '\(directory)' is not a directory")
    }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        throw AnalysisError("cannot save to '\(path)': it is a directory")
    }

    var existing = stat()
    let mode: mode_t = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
    let temp = directory + "/." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard fd >= 0 else { throw saveError(path, errno, directory: directory) }

    var failure: Int32 = 0
    data.withUnsafeBytes { raw in
        guard var p = raw.baseAddress else { return }
        var left = raw.count
        while left > 0 {
            let n = write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            left -= n
            p += n
        }
    }
    if failure == 0, fsync(fd) != 0 { failure = errno }
    if close(fd) != 0, failure == 0 { failure = errno }
    if failure == 0, fchmodIfNeeded(temp, mode) != 0 { failure = errno }
    if failure == 0, rename(temp, path) != 0 { failure = errno }
    if failure != 0 {
        unlink(temp)
        throw saveError(path, failure, directory: directory)
    }
}

/// Applies `mode` even when the process umask narrowed it at creation.
private func fchmodIfNeeded(_ path: String, _ mode: mode_t) -> Int32 { chmod(path, mode) }

/// An error naming the path and what the system reported.
func saveError(_ path: String, _ code: Int32, directory: String) -> AnalysisError {
    switch code {
    case EACCES, EPERM: return AnalysisError("cannot save to '\(path)': permission denied in '\(directory)'")
    case ENOENT: return AnalysisError("cannot save to '\(path)': directory '\(directory)' does not exist")
    case EROFS: return AnalysisError("cannot save to '\(path)': the file system is read-only")
    case ENOSPC, EDQUOT: return AnalysisError("cannot save to '\(path)': no space left on the device")
    case EISDIR: return AnalysisError("cannot save to '\(path)': it is a directory")
    default: return AnalysisError("cannot save to '\(path)': \(String(cString: strerror(code)))")
    }
}
