import Foundation
import NQL

/// The interactive prompt (a plain line reader for now).
struct REPL {
    let session: Session

    func run() -> Int32 {
        session.options.maxItems = 20
        var pending = ""
        while true {
            OutputStream.standardOutput.write(pending.isEmpty ? "nql> " : "...> ")
            OutputStream.standardOutput.flush()
            guard let line = readLine() else { break }
            pending += (pending.isEmpty ? "" : "\n") + line
            if Parser.isIncomplete(pending) { continue }
            session.run(pending, name: "<repl>", bindLast: true)
            OutputStream.standardOutput.flush()
            pending = ""
        }
        OutputStream.standardOutput.write("\n")
        return ExitCode.success.rawValue
    }
}
