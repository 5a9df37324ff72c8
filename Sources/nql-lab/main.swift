import Foundation
import NQL
import NQLNews

// nql-lab: developer commands for training and evaluating on real data.
// Each command lives in its own file; this table is the only dispatch.

struct LabCommand {
    let name: String
    let usage: String
    let run: ([String]) -> Int32
}

let commands: [LabCommand] = [
    LabCommand(name: "train-ner", usage: "train-ner [--weight N] [--no-misc] TRAIN.jsonl... --unlabelled FILE.jsonl --vectors DIR --out DIR   retrain the entity model") {
        NERCommands.train($0)
        return 0
    },
    LabCommand(name: "eval-ner", usage: "eval-ner DEV.jsonl [--model FILE] [--errors N] [--types PER,ORG,LOC] [--no-speed]   entity F1 (CoNLL mapping), words/s, load time, peak memory") {
        NERCommands.eval($0)
        return 0
    },
    LabCommand(name: "bench-ner", usage: "bench-ner CORPUS.jsonl   entity recognition words/s on a corpus (one thread)") {
        NERCommands.bench($0)
        return 0
    },
    LabCommand(name: "audit-ner", usage: "audit-ner CORPUS [--top N]   the most mentioned PERSON, ORG and GPE names of a corpus, for review") {
        NERCommands.audit($0)
    },
    LabCommand(name: "check-tokens", usage: "check-tokens FILE.jsonl   check the tokenizer against pre-tokenised text") {
        NERCommands.checkTokens($0)
        return 0
    },
    LabCommand(name: "ner-show", usage: "ner-show FILE   print the entities found in a text file") {
        NERCommands.show($0)
        return 0
    },
    LabCommand(name: "eval-pages", usage: "eval-pages DIR [-v]   score the page extractor on DIR/html and DIR/truth.jsonl") { args in
        guard let dir = args.first else { return 2 }
        return PageCommands.evalPages(dir, verbose: args.contains("-v"))
    },
    LabCommand(name: "bench-load", usage: "bench-load PATH   time loading PATH (file, folder, glob or -)") { args in
        guard let path = args.first else { return 2 }
        return PageCommands.benchLoad(path)
    },
    LabCommand(name: "show", usage: "show PATH [-s]   print the loaded articles with all their fields (-s: and sentences)") { args in
        guard let path = args.first else { return 2 }
        return PageCommands.show(path, sentences: args.contains("-s"))
    },
    LabCommand(name: "bench-stories", usage: "bench-stories REUTERS.jsonl   time near-duplicate story grouping") {
        AnalysisCommands.benchStories($0)
    },
    LabCommand(name: "bench-analysis", usage: "bench-analysis REUTERS.jsonl   time the other corpus analyses") {
        AnalysisCommands.benchAnalysis($0)
    },
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let command = commands.first(where: { $0.name == name }) else {
    print("usage: nql-lab COMMAND [ARGUMENTS]\n" + commands.map { "  " + $0.usage }.joined(separator: "\n"))
    exit(arguments.isEmpty || arguments.first == "help" ? 0 : 2)
}
exit(command.run(Array(arguments.dropFirst())))
