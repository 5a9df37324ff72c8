import Foundation

/// Articles read a batch at a time, for `load` as a stream: a JSON Lines
/// file or standard input in chunks of lines, a folder or glob some files at
/// a time. Each batch is parsed on all cores; memory holds one batch (two
/// more when a `ReadAhead` reads for it). One thread reads it at a time.
public final class ArticleBatches: @unchecked Sendable {
    /// Where the articles come from.
    public enum Source: Sendable {
        /// A JSON Lines file, read in chunks.
        case jsonLines(path: String)
        /// Files (a folder's or a glob's), loaded a few at a time.
        case files([String])
        /// Standard input that holds JSON Lines, read in chunks; `head` is what was read to tell.
        case standardInput(head: [UInt8])
    }

    /// Bytes read from a file or standard input at a time (the default).
    public static let chunkSize = 1 << 21
    /// Files loaded at a time from a folder or glob.
    public static let filesPerBatch = 16

    private let source: Source
    private var handle: FileHandle?
    private var fd: Int32 = -1
    private var pending: [UInt8] = []
    private var ended = false
    private var lineNumber = 0
    private var nextFile = 0
    private var inner: ArticleBatches?

    /// Starts reading a source (a JSON Lines file is opened now); `chunkSize` is the most read at once.
    public init(_ source: Source, chunkSize: Int = ArticleBatches.chunkSize) {
        self.source = source
        buffer = [UInt8](repeating: 0, count: max(1, chunkSize))
        switch source {
        case .jsonLines(let path):
            fd = open(path, O_RDONLY)
            if fd < 0 { ended = true }
        case .standardInput(let head):
            fd = STDIN_FILENO
            pending = head
        case .files:
            break
        }
    }

    deinit {
        if case .jsonLines = source, fd >= 0 { close(fd) }
    }

    /// The next batch, or nil at the end. A batch may hold only problems.
    public func next() -> (articles: [Article], problems: [LoadProblem])? {
        switch source {
        case .files(let files):
            // A JSON Lines file among them is read in chunks too.
            if let inner {
                if let batch = inner.next() { return batch }
                self.inner = nil
            }
            guard nextFile < files.count else { return nil }
            if ArticleLoader.isStreamableJSONLines(files[nextFile]) {
                inner = ArticleBatches(.jsonLines(path: files[nextFile]), chunkSize: buffer.count)
                nextFile += 1
                return next()
            }
            var end = nextFile
            while end < files.count, end - nextFile < ArticleBatches.filesPerBatch, !ArticleLoader.isStreamableJSONLines(files[end]) { end += 1 }
            let batch = Array(files[nextFile..<end])
            nextFile = end
            return ArticleLoader.loadFiles(batch)
        case .jsonLines(let path):
            return nextLines(path: path)
        case .standardInput:
            return nextLines(path: "-")
        }
    }

    /// Parses the complete lines read so far, once half a chunk is there or
    /// the input paused (a pipe gave less than asked), so a slow writer's lines
    /// come through; the last line of the input need not end in a newline.
    private func nextLines(path: String) -> (articles: [Article], problems: [LoadProblem])? {
        while true {
            let n = readMore()
            if n == 0 {
                if pending.isEmpty { return nil }
                return parse(upTo: pending.count, path: path)
            }
            if pending.count >= buffer.count || n < buffer.count, let newline = pending.lastIndex(of: 0x0A) {
                return parse(upTo: newline + 1, path: path)
            }
        }
    }

    private var buffer: [UInt8]

    /// Reads more into `pending`: the number of bytes, 0 at the end of the input.
    private func readMore() -> Int {
        guard !ended else { return 0 }
        var n: Int
        repeat { n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) } } while n < 0 && errno == EINTR
        if n <= 0 {
            ended = true
            return 0
        }
        pending.append(contentsOf: buffer[0..<n])
        return n
    }

    private func parse(upTo end: Int, path: String) -> (articles: [Article], problems: [LoadProblem]) {
        var ranges: [Range<Int>] = []
        var start = lineNumber == 0 && pending.count >= 3 && pending[0] == 0xEF && pending[1] == 0xBB && pending[2] == 0xBF ? 3 : 0
        for i in start..<end where pending[i] == 0x0A {
            ranges.append(start..<i)
            start = i + 1
        }
        if start < end { ranges.append(start..<end) }
        let first = lineNumber + 1
        lineNumber += ranges.count
        let results = pending.withUnsafeBufferPointer { all in
            Parallel.map(count: ranges.count) { i in
                JSONArticles.parseLine(UnsafeBufferPointer(rebasing: all[ranges[i]]), path: path, number: first + i)
            }
        }
        pending.removeFirst(end)
        return JSONArticles.gather(results)
    }
}

/// Runs a producer of batches on its own thread, up to `depth` batches
/// ahead of the reader, so reading and parsing the next batch overlaps with
/// the work on this one (both cores busy on a pipeline). When the reader is
/// released, the producer stops after the batch it is on.
final class ReadAhead<T: Sendable>: @unchecked Sendable {
    private final class Shared: @unchecked Sendable {
        let condition = NSCondition()
        var ready: [T] = []
        var finished = false
        var cancelled = false
    }

    private let shared = Shared()

    /// Starts `produce` (nil at the end) on a new thread.
    init(depth: Int = 2, _ produce: @escaping @Sendable () -> T?) {
        let shared = self.shared
        let thread = Thread {
            while true {
                shared.condition.lock()
                while shared.ready.count >= depth && !shared.cancelled { shared.condition.wait() }
                let stop = shared.cancelled
                shared.condition.unlock()
                if stop { return }
                let item = produce()
                shared.condition.lock()
                if let item { shared.ready.append(item) } else { shared.finished = true }
                shared.condition.broadcast()
                shared.condition.unlock()
                if item == nil { return }
            }
        }
        thread.stackSize = 1 << 24
        thread.start()
    }

    deinit {
        shared.condition.lock()
        shared.cancelled = true
        shared.condition.broadcast()
        shared.condition.unlock()
    }

    /// The next batch, waiting for it; nil at the end.
    func next() -> T? {
        shared.condition.lock()
        defer { shared.condition.unlock() }
        while shared.ready.isEmpty && !shared.finished { shared.condition.wait() }
        guard !shared.ready.isEmpty else { return nil }
        let item = shared.ready.removeFirst()
        shared.condition.broadcast()
        return item
    }
}
