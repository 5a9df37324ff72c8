/// Rules applied after the tagger (filled in below).
enum EntityRules {
    static func apply(_ spans: inout [TokenSpan], _ doc: PreparedDocument, _ p: UnsafeBufferPointer<UInt8>) {}
}
