import NQL
import NQLNews

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "train-ner": NERCommands.train(Array(arguments.dropFirst()))
case "eval-ner": NERCommands.eval(Array(arguments.dropFirst()))
case "check-tokens": NERCommands.checkTokens(Array(arguments.dropFirst()))
case "ner-show": NERCommands.show(Array(arguments.dropFirst()))
case "bench-ner": NERCommands.bench(Array(arguments.dropFirst()))
default:
    print("usage: nql-lab train-ner TRAIN.jsonl --unlabelled FILE.jsonl --out DIR [--epochs N]")
    print("       nql-lab eval-ner DEV.jsonl [--model PATH] [--errors N]")
    print("       nql-lab bench-ner CORPUS.jsonl | ner-show FILE.txt | check-tokens FILE.jsonl")
}
