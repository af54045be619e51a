import Foundation

/// IP addresses (IPv4, with or without a port, and IPv6, checked by the C library's parser) and
/// MAC addresses: personal data in the EU (CJEU, C-582/14 *Breyer*). A dotted quad of small
/// numbers is more often a clause number ("Section 1.2.3.4") than an address: without words that
/// name an address before it, it gets a low confidence.
enum NetworkAddressDetector {
    static let contextWords = [
        "ip address", "ip-address", "ip-adresse", "ip adresse", "adresse ip", "ipv4", "ipv6", "server", "host",
        "gateway", "subnet", "dns", "router", "mac address", "mac-adresse", "adresse mac", "hardware",
    ]

    static func detect(_ bytes: [UInt8], into findings: inout [Finding]) {
        var index = 0
        while index < bytes.count {
            guard isTokenByte(bytes[index]), index == 0 || !isWordByte(bytes[index - 1]) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, isTokenByte(bytes[end]) || bytes[end] == 0x2D { end += 1 }
            // A token glued to a letter or an underscore is part of a word or an identifier.
            if end < bytes.count, isWordByte(bytes[end]) {
                index = end + 1
                continue
            }
            var last = end
            while last > index, [0x2E, 0x3A, 0x2D].contains(bytes[last - 1]) { last -= 1 }  // sentence punctuation
            if let finding = classify(bytes, index, last) { findings.append(finding) }
            index = max(end, index + 1)
        }
    }

    static func classify(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Finding? {
        guard end - start >= 7 else { return nil }
        let token = String(decoding: bytes[start..<end], as: UTF8.self)
        let named = ContextWords.before(bytes, offset: start, contains: contextWords)
        func finding(_ type: FindingType, _ confidence: Double) -> Finding {
            Finding(type: type.rawValue, start: start, end: end, confidence: confidence, validated: true)
        }
        if isMAC(token) { return finding(.macAddress, named ? 0.95 : 0.8) }
        if token.contains("-") { return nil }
        if let octets = ipv4(token) {
            if named { return finding(.ipAddress, 0.95) }
            return finding(.ipAddress, octets.allSatisfy { $0 <= 30 } ? 0.3 : 0.85)
        }
        let colons = token.utf8.filter { $0 == 0x3A }.count
        if colons >= 2, token.utf8.contains(where: isHex), isIPv6(token) { return finding(.ipAddress, 0.9) }
        return nil
    }

    /// Four numbers 0–255 without leading zeros, optionally followed by `:port`.
    static func ipv4(_ token: String) -> [Int]? {
        var address = Substring(token)
        if let colon = token.firstIndex(of: ":") {
            let port = token[token.index(after: colon)...]
            guard !port.isEmpty, port.count <= 5, port.allSatisfy(\.isNumber) else { return nil }
            address = token[..<colon]
        }
        let parts = address.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [Int] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
                part.count == 1 || part.first != "0", let value = Int(part), value <= 255
            else { return nil }
            octets.append(value)
        }
        return octets
    }

    static func isIPv6(_ token: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, token, &address) == 1
    }

    /// Six pairs of hexadecimal digits, all separated by `:` or all by `-`.
    static func isMAC(_ token: String) -> Bool {
        let bytes = Array(token.utf8)
        guard bytes.count == 17, bytes[2] == 0x3A || bytes[2] == 0x2D else { return false }
        for (offset, byte) in bytes.enumerated() {
            if offset % 3 == 2 { if byte != bytes[2] { return false } } else if !isHex(byte) { return false }
        }
        return true
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 70) || (byte >= 97 && byte <= 102)
    }

    /// Digits, hexadecimal letters, dots and colons: what an address is made of.
    static func isTokenByte(_ byte: UInt8) -> Bool { isHex(byte) || byte == 0x2E || byte == 0x3A }

    static func isWordByte(_ byte: UInt8) -> Bool {
        IdentifierDetector.isAlnum(byte) && !isHex(byte) || byte == 0x5F || byte >= 0x80
    }
}
