import NQL
import NQLNews

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "train-ner": NERCommands.train(Array(arguments.dropFirst()))
case "eval-ner": NERCommands.eval(Array(arguments.dropFirst()))
case "check-tokens": NERCommands.checkTokens(Array(arguments.dropFirst()))
case "ner-show": NERCommands.show(Array(arguments.dropFirst()))
default: print("usage: nql-lab train-ner TRAIN.jsonl --unlabelled FILE.jsonl --out DIR | eval-ner DEV.jsonl")
}
