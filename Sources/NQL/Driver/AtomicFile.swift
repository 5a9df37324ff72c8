// Saving without ever leaving a half-written file: the data goes to a temporary
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

/// Atomic file writes, used by `save` and the REPL's `:save`.
public enum AtomicFile {
    /// Why a file could not be written: the path and the reason.
    public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The message.
        public var message: String
        /// Creates an error.
        public init(_ message: String) { self.message = message }
        /// The message.
        public var description: String { message }
    }

    /// Writes `data` to `path` atomically: to a temporary file beside it, then renamed over it.
    /// Errors name the path and the reason (missing directory, permission denied, ...).
    public static func write(_ data: Data, to path: String) throws {
        guard !path.isEmpty else { throw WriteError("cannot save: the path is empty") }
        guard !path.hasSuffix("/") else { throw WriteError("cannot save to '\(path)': it is a directory") }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent

        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            throw WriteError("cannot save to '\(path)': directory '\(directory)' does not exist")
        }
        if !isDirectory.boolValue {
            throw WriteError("cannot save to '\(path)': '\(directory)' is not a directory")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw WriteError("cannot save to '\(path)': it is a directory")
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
                let n = Glibc.write(fd, p, left)
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
    private static func fchmodIfNeeded(_ path: String, _ mode: mode_t) -> Int32 { chmod(path, mode) }

    /// An error naming the path and what the system reported.
    static func saveError(_ path: String, _ code: Int32, directory: String) -> WriteError {
        switch code {
        case EACCES, EPERM: return WriteError("cannot save to '\(path)': permission denied in '\(directory)'")
        case ENOENT: return WriteError("cannot save to '\(path)': directory '\(directory)' does not exist")
        case EROFS: return WriteError("cannot save to '\(path)': the file system is read-only")
        case ENOSPC, EDQUOT: return WriteError("cannot save to '\(path)': no space left on the device")
        case EISDIR: return WriteError("cannot save to '\(path)': it is a directory")
        default: return WriteError("cannot save to '\(path)': \(String(cString: strerror(code)))")
        }
    }
}
