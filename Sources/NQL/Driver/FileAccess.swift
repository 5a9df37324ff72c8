// Which files a program may read and write: the `nql` command's --read,
// --write and --sandbox flags, in the spirit of Deno's permissions. A built-in
// that takes a path declares it in its registry entry (`Builtin.fileUse`);
// the check runs before the built-in's body, so a new built-in cannot forget
// it. Paths are compared after resolving `..`, `.` and symbolic links, so
// neither `sub/../../etc` nor a link planted inside an allowed folder leads out.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The folders a program may read below and write below.
public struct FileAccess: Sendable, Equatable {
    /// What a built-in does with a path argument.
    public enum Use: Sendable, Equatable {
        /// Reads the file, folder or glob named by the positional argument at this index.
        case read(argument: Int)
        /// Writes the file named by the positional argument at this index.
        case write(argument: Int)
    }

    /// Folders (resolved) below which reading is allowed; nil: anywhere.
    public var readable: [String]?
    /// Folders (resolved) below which writing is allowed; nil: anywhere.
    public var writable: [String]?
    /// The flag that set the read limit, for the message (`--sandbox` or `--read`).
    public var readFlag = "--read"
    /// The flag that set the write limit.
    public var writeFlag = "--write"

    /// No limits (the default).
    public static let unrestricted = FileAccess(readable: nil, writable: nil)

    /// Creates a policy; folders are resolved now.
    public init(readable: [String]?, writable: [String]?) {
        self.readable = readable?.map { FileAccess.resolve($0) }
        self.writable = writable?.map { FileAccess.resolve($0) }
    }

    /// Whether there is any limit.
    public var isRestricted: Bool { readable != nil || writable != nil }

    /// Names that always mean standard input or output, allowed under any policy.
    public static let standardStreams: Set<String> = ["-", "/dev/stdout", "/dev/fd/1"]

    /// Throws a clear error unless the path may be read (`load`).
    public func checkRead(_ path: String) throws {
        try Self.checkPath(path)
        guard let readable, !Self.standardStreams.contains(path) else { return }
        let resolved = Self.resolve(Self.globBase(path))
        if !readable.contains(where: { Self.isInside(resolved, $0) }) {
            throw RuntimeError(Messages.readDenied(path, flag: readFlag, allowed: readable))
        }
    }

    /// Whether a file found while reading a folder or glob lies inside the readable folders.
    public func mayRead(_ file: String) -> Bool {
        guard let readable else { return true }
        let resolved = Self.resolve(file)
        return readable.contains { Self.isInside(resolved, $0) }
    }

    /// Throws a clear error unless the path may be written (`save`, `:save`).
    public func checkWrite(_ path: String) throws {
        try Self.checkPath(path)
        guard let writable, !Self.standardStreams.contains(path) else { return }
        let resolved = Self.resolve(path)
        if !writable.contains(where: { Self.isInside(resolved, $0) }) {
            throw RuntimeError(Messages.writeDenied(path, flag: writeFlag, allowed: writable))
        }
    }

    /// A NUL would cut the path short at the system call: `a\u{0}.txt` would open `a`.
    static func checkPath(_ path: String) throws {
        if path.utf8.contains(0) { throw RuntimeError(Messages.nulInPath(path)) }
    }

    /// The folder a glob starts from (the part before the first wildcard); the path itself otherwise.
    static func globBase(_ path: String) -> String {
        guard let wild = path.firstIndex(where: { "*?[".contains($0) }) else { return path }
        let head = path[..<wild]
        guard let slash = head.lastIndex(of: "/") else { return "." }
        return String(head[...slash])
    }

    /// Whether `path` is `folder` or below it (both resolved).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        if folder == "/" { return true }
        return path == folder || path.hasPrefix(folder + "/")
    }

    /// An absolute path without `.`, `..` or symbolic links: the longest existing
    /// prefix is resolved by the system (`realpath`), the rest is normalised by hand.
    public static func resolve(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var existing = absolute
        var rest: [String] = []
        while true {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                var parts = String(cString: real).split(separator: "/").map(String.init)
                for piece in rest.reversed() {
                    if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." && !piece.isEmpty { parts.append(piece) }
                }
                return "/" + parts.joined(separator: "/")
            }
            let url = URL(fileURLWithPath: existing)
            if url.path == "/" || existing.isEmpty { return absolute }
            rest.append(url.lastPathComponent)
            existing = url.deletingLastPathComponent().path
        }
    }
}

extension Interpreter {
    /// A path as a built-in opens it: absolute paths and the standard streams as
    /// they are, others relative to the current directory.
    public func absolutePath(_ path: String) -> String {
        path.hasPrefix("/") || FileAccess.standardStreams.contains(path) ? path : currentDirectory + "/" + path
    }
}
