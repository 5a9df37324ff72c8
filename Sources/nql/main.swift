import Foundation

// `nql`: parse the command line, then run a script, a one-liner, stdin, or the REPL.
setlocale(LC_ALL, "")
exit(CommandLineTool.main(Array(CommandLine.arguments.dropFirst())))
