import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Shell-style path patterns: `*`, `?`, `[...]` within a path segment, `**` for
/// any number of folders.
enum Glob {
    static func isPattern(_ s: String) -> Bool { s.contains("*") || s.contains("?") || s.contains("[") }

    /// Regular files matching `pattern`, sorted.
    static func expand(_ pattern: String) -> [String] {
        let absolute = pattern.hasPrefix("/")
        let segs = pattern.split(separator: "/").map(String.init)
        guard let firstWild = segs.firstIndex(where: isPattern) else { return [] }
        let baseSegs = segs[..<firstWild]
        let base = (absolute ? "/" : "") + baseSegs.joined(separator: "/")
        let root = base.isEmpty ? "." : base
        let rest = Array(segs[firstWild...])
        var out: [String] = []
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: root) else { return [] }
        while let rel = e.nextObject() as? String {
            if (rel as NSString).lastPathComponent.hasPrefix(".") { e.skipDescendants(); continue }
            let relSegs = rel.split(separator: "/").map(String.init)
            if !rest.contains("**"), relSegs.count > rest.count { e.skipDescendants(); continue }
            if match(rest[...], relSegs[...]) {
                let full = base.isEmpty ? rel : (base.hasSuffix("/") ? base + rel : base + "/" + rel)
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { out.append(full) }
            }
        }
        return out.sorted()
    }

    static func match(_ pat: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let p = pat.first else { return path.isEmpty }
        if p == "**" {
            var rest = path
            while true {
                if match(pat.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        }
        guard let s = path.first else { return false }
        return fnmatch(p, s, 0) == 0 && match(pat.dropFirst(), path.dropFirst())
    }
}
