// Saving without ever leaving a half-written file: the data goes to a temporary
// file in the same directory (same file system, so the rename is atomic), is flushed to
// disk, and is then renamed over the target. A reader sees the old file or the new one.
//
// What is at the path decides how:
// - a symbolic link is followed, and the file it names is replaced (the link stays);
// - an existing regular file keeps its permission bits (without setuid/setgid/sticky)
//   and, where the process may, its owner and group;
// - a device, FIFO or socket (`/dev/null`, `/dev/stdout` on a terminal, a named pipe)
//   is written in place: renaming over it would replace the device with a regular file.
// The temporary file has a random name and is created with O_EXCL|O_NOFOLLOW, so a
// file or link planted at a guessable name cannot redirect the write.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Atomic file writes, used by `save`, the REPL's `:save` and its history.
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

    /// Writes `data` to `path` atomically: to a temporary file beside it, then renamed over it
    /// (in place for a device or FIFO). Errors name the path and the reason.
    public static func write(_ data: Data, to path: String) throws {
        let shown = path.escapingControlCharacters(keepNewlines: false)
        guard !path.isEmpty else { throw WriteError("cannot save: the path is empty") }
        guard !path.utf8.contains(0) else { throw WriteError("cannot save to '\(shown)': the path contains a NUL character") }
        guard !path.hasSuffix("/") else { throw WriteError("cannot save to '\(shown)': it is a directory") }
        let target = try followingLinks(path, shown)

        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists {
            switch existing.st_mode & S_IFMT {
            case S_IFDIR: throw WriteError("cannot save to '\(shown)': it is a directory")
            case S_IFREG: break
            default: return try writeInPlace(data, to: target, shown: shown)
            }
        }
        let url = URL(fileURLWithPath: target)
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent

        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            throw WriteError("cannot save to '\(shown)': directory '\(directory)' does not exist")
        }
        if !isDirectory.boolValue {
            throw WriteError("cannot save to '\(shown)': '\(directory)' is not a directory")
        }

        let temp = directory + "/." + name + ".tmp-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, exists ? 0o600 : 0o666)
        guard fd >= 0 else { throw saveError(shown, errno, directory: directory) }

        var failure = writeAll(fd, data)
        if failure == 0, exists {
            // The owner first: a chown clears setuid/setgid; then the permission bits.
            if existing.st_uid != geteuid() || existing.st_gid != getegid() {
                _ = fchown(fd, existing.st_uid, existing.st_gid)  // allowed for root, or a group change by the owner
            }
            if fchmod(fd, existing.st_mode & 0o777) != 0 { failure = errno }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temp, target) != 0 { failure = errno }
        if failure != 0 {
            unlink(temp)
            throw saveError(shown, failure, directory: directory)
        }
    }

    /// The file a path names after following symbolic links (also a link to a file
    /// not yet created); the path itself when it is not a link.
    static func followingLinks(_ path: String, _ shown: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(current, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { throw saveError(shown, errno, directory: "") }
            let link = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : URL(fileURLWithPath: current).deletingLastPathComponent().path + "/" + link
        }
        throw WriteError("cannot save to '\(shown)': too many levels of symbolic links")
    }

    /// Writes into an existing device, FIFO or socket as it is. A FIFO nobody
    /// reads is an error, not a hang.
    private static func writeInPlace(_ data: Data, to path: String, shown: String) throws {
        let fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENXIO { throw WriteError("cannot save to '\(shown)': nothing is reading from it") }
            throw saveError(shown, errno, directory: "")
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        var failure = writeAll(fd, data)
        if close(fd) != 0, failure == 0, errno != EINTR { failure = errno }
        if failure != 0 { throw saveError(shown, failure, directory: "") }
    }

    /// Writes every byte; 0, or the errno of the first failure.
    private static func writeAll(_ fd: Int32, _ data: Data) -> Int32 {
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
                if n == 0 {
                    failure = EIO
                    return
                }
                left -= n
                p += n
            }
        }
        return failure
    }

    /// An error naming the path and what the system reported.
    static func saveError(_ path: String, _ code: Int32, directory: String) -> WriteError {
        switch code {
        case EACCES, EPERM: return WriteError("cannot save to '\(path)': permission denied" + (directory.isEmpty ? "" : " in '\(directory)'"))
        case ENOENT: return WriteError("cannot save to '\(path)': directory '\(directory)' does not exist")
        case EROFS: return WriteError("cannot save to '\(path)': the file system is read-only")
        case ENOSPC, EDQUOT: return WriteError("cannot save to '\(path)': no space left on the device")
        case EISDIR: return WriteError("cannot save to '\(path)': it is a directory")
        default: return WriteError("cannot save to '\(path)': \(String(cString: strerror(code)))")
        }
    }
}
