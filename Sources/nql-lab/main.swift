import Foundation
import NQL
import NQLNews

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "bench-stories":
    exit(AnalysisCommands.benchStories(Array(arguments.dropFirst())))
case "bench-analysis":
    exit(AnalysisCommands.benchAnalysis(Array(arguments.dropFirst())))
default:
    print("nql-lab")
}
