/// What a word is to the detectors: a salutation, a legal form, a month… Found with one table
/// lookup per word while the text is scanned, so that no detector has to look words up again:
/// at 20 MB a second per core there is room for about one hash lookup per word.
struct WordFlags: OptionSet, Sendable {
    let rawValue: UInt32
    static let number = WordFlags(rawValue: 1 << 0)
    static let salutation = WordFlags(rawValue: 1 << 1)
    static let legalForm = WordFlags(rawValue: 1 << 2)
    static let streetWord = WordFlags(rawValue: 1 << 3)
    static let openingStreetWord = WordFlags(rawValue: 1 << 4)
    static let month = WordFlags(rawValue: 1 << 5)
    static let connector = WordFlags(rawValue: 1 << 6)
    static let leadingNoise = WordFlags(rawValue: 1 << 7)
    static let notName = WordFlags(rawValue: 1 << 8)
    static let organisationWord = WordFlags(rawValue: 1 << 9)
    /// The first word of some lexicon phrase (categories, markings, document types).
    static let phraseStart = WordFlags(rawValue: 1 << 10)
    /// Its first three characters are those of a lexicon stem ("krank*"): worth a stem lookup.
    static let mayStem = WordFlags(rawValue: 1 << 11)
    static let definitionWord = WordFlags(rawValue: 1 << 12)
    static let givenName = WordFlags(rawValue: 1 << 13)
    static let surname = WordFlags(rawValue: 1 << 14)
    /// A word that appears in lower case in running text: no evidence of a name on its own.
    static let commonWord = WordFlags(rawValue: 1 << 15)
    /// A word that says a person's name comes next or before ("Employee", "Ansprechpartner", "Témoin").
    static let personContext = WordFlags(rawValue: 1 << 16)
    static let placeWord = WordFlags(rawValue: 1 << 17)
    /// The first word of a post-office box or military address: "Postfach", "P.O. Box", "APO".
    static let addressOpener = WordFlags(rawValue: 1 << 18)
    static let firmSuffix = WordFlags(rawValue: 1 << 19)
    /// "société", "Firma", German articles: a name after it is a firm's.
    static let organisationIntroducer = WordFlags(rawValue: 1 << 20)
    /// "Section", "Anlage", "Annexe": a word that numbers a part of a document.
    static let headingWord = WordFlags(rawValue: 1 << 21)
    static let knownName: WordFlags = [.givenName, .surname]
}

enum WordIndex {
    static let table: ByteKeyTable = {
        var entries: [String: WordFlags] = [:]
        func add(_ words: some Sequence<String>, _ flag: WordFlags) {
            for word in words { entries[word, default: []].insert(flag) }
        }
        add(Lexicons.salutations, .salutation)
        add(Lexicons.legalForms, .legalForm)
        add(Lexicons.streetWords, .streetWord)
        add(Lexicons.openingStreetWords, .openingStreetWord)
        add(Lexicons.months, .month)
        add(Lexicons.nameConnectors, .connector)
        add(Lexicons.leadingNoise, .leadingNoise)
        add(Lexicons.notNames, .notName)
        add(Lexicons.organisationWords, .organisationWord)
        add(["hereinafter", "nachfolgend", "ci"], .definitionWord)
        for (word, flag) in NameGazetteer.entries { entries[word, default: []].insert(flag) }
        add(Lexicons.personContext, .personContext)
        add(Lexicons.placeWords, .placeWord)
        add(
            ["p", "po", "post", "postfach", "bp", "cs", "psc", "apartado", "casella", "boîte", "apo", "fpo", "dpo"],
            .addressOpener)
        add(Lexicons.firmSuffixes, .firmSuffix)
        add(Lexicons.organisationIntroducers, .organisationIntroducer)
        add(Lexicons.headingWords, .headingWord)
        for phrase in phrases where !phrase.hasSuffix("*") || phrase.contains(" ") {
            if let first = WordScanner.words(Array(phrase.utf8), indexed: false).first?.lower {
                add([first], .phraseStart)
            }
        }
        return ByteKeyTable(entries)
    }()

    static var phrases: [String] {
        Lexicons.specialCategories.values.flatMap { $0.map(\.0) } + Lexicons.markings.values.flatMap { $0 }
            + Lexicons.documentTypes.values.flatMap { $0 }
    }

    /// One bit per hash of a stem's first three bytes.
    static let stemFilter: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 512)
        for phrase in phrases where phrase.hasSuffix("*") && !phrase.contains(" ") {
            let bytes = Array(phrase.utf8)
            guard bytes.count >= 4 else { continue }
            let hash = stemHash(bytes[0], bytes[1], bytes[2])
            bits[hash >> 6] |= 1 << UInt64(hash & 63)
        }
        return bits
    }()

    @inline(__always)
    static func stemHash(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        (Int(a) &* 961 &+ Int(b) &* 31 &+ Int(c)) & 0x7FFF
    }

    static func flags(bytes: [UInt8]) -> WordFlags {
        if let first = bytes.first, first >= 48, first <= 57 { return .number }
        var flags = table.lookup(bytes)
        if bytes.count >= 4 {
            let hash = stemHash(bytes[0], bytes[1], bytes[2])
            if stemFilter[hash >> 6] & (1 << UInt64(hash & 63)) != 0 { flags.insert(.mayStem) }
        }
        return flags
    }
}

/// A fixed open-addressing table from lowercase words (as UTF-8 bytes) to flags, with an FNV-1a
/// hash: a lookup hashes a few bytes and compares one key, with no `String` hashing.
struct ByteKeyTable: Sendable {
    /// Per slot, where its key is in `keyBytes` (offset << 8 | length), 0 where the slot is empty.
    /// Keys in one buffer rather than an array each: a probe then neither chases a pointer nor
    /// retains an array.
    private var slots: [UInt32]
    private var values: [WordFlags]
    private var keyBytes: [UInt8] = [0]  // offset 0 is never a key's, so a slot of 0 is empty
    private let mask: Int

    init(_ entries: [String: WordFlags]) {
        var size = 16
        while size < entries.count * 4 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        values = Array(repeating: [], count: size)
        mask = size - 1
        for (word, flags) in entries {
            let bytes = Array(word.utf8)
            precondition(!bytes.isEmpty && bytes.count < 256, "a lexicon word of 1 to 255 bytes")
            var slot = Self.hash(bytes) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt32(keyBytes.count) << 8 | UInt32(bytes.count)
            keyBytes.append(contentsOf: bytes)
            values[slot] = flags
        }
    }

    @inline(__always)
    static func hash(_ bytes: [UInt8]) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash)
    }

    func lookup(_ bytes: [UInt8]) -> WordFlags {
        var slot = Self.hash(bytes) & mask
        return slots.withUnsafeBufferPointer { slots in
            keyBytes.withUnsafeBufferPointer { stored in
                bytes.withUnsafeBufferPointer { key in
                    while true {
                        let entry = slots[slot]
                        if entry == 0 { return [] }
                        if Int(entry & 0xFF) == key.count {
                            let offset = Int(entry >> 8)
                            var same = true
                            for position in 0..<key.count where stored[offset + position] != key[position] {
                                same = false
                                break
                            }
                            if same { return values[slot] }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }
}
