/// Merges mentions into entities.
enum EntityMerger {
    static func merge(_ analysis: EntityRecognizer.Analysis, bytes p: UnsafeBufferPointer<UInt8>) -> [Entity] {
        []
    }
}
