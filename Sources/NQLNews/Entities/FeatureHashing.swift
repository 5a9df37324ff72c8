/// Hashing of byte ranges and feature keys; everything on the tagger's hot path goes through these.
enum FeatureHash {
    static let offset: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// FNV-1a over bytes.
    @inline(__always)
    static func bytes(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt64 {
        var h = offset
        var i = s
        while i < e {
            h = (h ^ UInt64(p[i])) &* prime
            i += 1
        }
        return h
    }

    /// FNV-1a over bytes with ASCII letters folded to lower case.
    @inline(__always)
    static func lowered(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt64 {
        var h = offset
        var i = s
        while i < e {
            var b = p[i]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            h = (h ^ UInt64(b)) &* prime
            i += 1
        }
        return h
    }

    /// FNV-1a over bytes with ASCII letters after the first folded to lower case ("MILAN" hashes as "Milan").
    @inline(__always)
    static func titled(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt64 {
        var h = offset
        var i = s
        while i < e {
            var b = p[i]
            if i > s && b >= 0x41 && b <= 0x5A { b |= 0x20 }
            h = (h ^ UInt64(b)) &* prime
            i += 1
        }
        return h
    }

    /// FNV-1a of a Swift string's UTF-8 (for building tables, not for the hot path).
    static func string(_ s: String) -> UInt64 {
        var h = offset
        for b in s.utf8 { h = (h ^ UInt64(b)) &* prime }
        return h
    }

    /// Strong 64-bit mixer (splitmix64 finaliser).
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Key of feature `template` with value hash `value`; never 0 (0 marks an empty slot).
    @inline(__always)
    static func key(_ template: UInt64, _ value: UInt64) -> UInt64 {
        let k = mix(value ^ (template &* 0x9E37_79B9_7F4A_7C15))
        return k == 0 ? 1 : k
    }

    /// Combines two hashes into one (order-sensitive).
    @inline(__always)
    static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 {
        mix(a &* 31 &+ b ^ 0x5851_F42D_4C95_7F2D)
    }
}

/// An open-addressed hash table from non-zero 64-bit keys to 32-bit values (linear probing, power-of-two capacity).
struct KeyTable: Sendable {
    private(set) var keys: [UInt64]
    private(set) var values: [Int32]
    private(set) var count = 0
    private var mask: Int

    init(capacity: Int = 1024) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        keys = [UInt64](repeating: 0, count: c)
        values = [Int32](repeating: -1, count: c)
        mask = c - 1
    }

    /// Value stored for `key`, or -1.
    @inline(__always)
    func get(_ key: UInt64) -> Int32 {
        var i = Int(truncatingIfNeeded: key) & mask
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == 0 { return -1 }
            i = (i + 1) & mask
        }
    }

    /// Stores `value` for `key`, replacing any previous value.
    mutating func set(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 10 > keys.count * 7 { grow() }
        var i = Int(truncatingIfNeeded: key) & mask
        while true {
            let k = keys[i]
            if k == key {
                values[i] = value
                return
            }
            if k == 0 {
                keys[i] = key
                values[i] = value
                count += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    /// Returns the value for `key`, inserting `make()` first if absent.
    mutating func getOrInsert(_ key: UInt64, _ make: () -> Int32) -> Int32 {
        let v = get(key)
        if v >= 0 { return v }
        let nv = make()
        set(key, nv)
        return nv
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let c = keys.count * 2
        keys = [UInt64](repeating: 0, count: c)
        values = [Int32](repeating: -1, count: c)
        mask = c - 1
        count = 0
        for i in 0..<oldKeys.count where oldKeys[i] != 0 { set(oldKeys[i], oldValues[i]) }
    }

    /// Replaces the slots with stored arrays (capacity must be a power of two).
    mutating func replaceStorage(keys: [UInt64], values: [Int32]) {
        self.keys = keys
        self.values = values
        mask = keys.count - 1
        count = keys.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
    }

    /// All (key, value) pairs in slot order.
    func pairs() -> [(UInt64, Int32)] {
        var out: [(UInt64, Int32)] = []
        out.reserveCapacity(count)
        for i in 0..<keys.count where keys[i] != 0 { out.append((keys[i], values[i])) }
        return out
    }
}

/// A small deterministic pseudo-random generator (splitmix64) so training is reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return FeatureHash.mix(state)
    }
}
