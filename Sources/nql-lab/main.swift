import Foundation
import NQL
import NQLNews

let args = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: nql-lab <command> [arguments]
      eval-pages DIR [-v]   score the page extractor on DIR/html and DIR/truth.jsonl
      bench-load PATH       time loading PATH (file, folder, glob or -)
      show PATH [-s]        print the loaded articles with all their fields (-s: and sentences)
    """
switch args.first {
case "eval-pages" where args.count >= 2:
    exit(PageCommands.evalPages(args[1], verbose: args.contains("-v")))
case "show" where args.count >= 2:
    exit(PageCommands.show(args[1], sentences: args.contains("-s")))
case "bench-load" where args.count >= 2:
    exit(PageCommands.benchLoad(args[1]))
default:
    print(usage)
    exit(args.isEmpty ? 0 : 2)
}
