import DocketModel
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

    /// Every address has a `.`, `:` or `-` between two hexadecimal digits: only there is a token
    /// looked at, so the scan costs one comparison a byte on ordinary text.
    static func detect(_ bytes: [UInt8], into findings: inout [Finding]) {
        let count = bytes.count
        var index = 1
        while index + 1 < count {
            // The common case, no separator, without bounds checks: this runs for every byte.
            index = bytes.withUnsafeBufferPointer { buffer in
                var position = index
                while position + 1 < count {
                    let byte = buffer[position]
                    if byte == 0x2E || byte == 0x3A || byte == 0x2D { break }
                    position += 1
                }
                return position
            }
            guard index + 1 < count, isHex(bytes[index - 1]) || bytes[index - 1] == 0x3A,
                isHex(bytes[index + 1]) || bytes[index + 1] == 0x3A
            else {
                index += 1
                continue
            }
            var start = index, end = index
            while start > 0, isTokenByte(bytes[start - 1]) { start -= 1 }
            while end < count, isTokenByte(bytes[end]) { end += 1 }
            defer { index = end + 1 }
            // A token glued to a letter or an underscore is part of a word or an identifier.
            if (start > 0 && isWordByte(bytes[start - 1])) || (end < count && isWordByte(bytes[end])) { continue }
            var first = start, last = end
            while first < last, bytes[first] == 0x2D || bytes[first] == 0x2E { first += 1 }
            while last > first, [0x2E, 0x3A, 0x2D].contains(bytes[last - 1]) { last -= 1 }  // sentence punctuation
            if let finding = classify(bytes, first, last) { findings.append(finding) }
        }
    }

    static func classify(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Finding? {
        guard end - start >= 7 else { return nil }
        // Cheap shape checks first: most tokens (dates, numbers, hexadecimal-looking words) are
        // none of these, and are dropped before any string or context is made.
        var dots = 0, colons = 0, dashes = 0, letters = 0
        for byte in bytes[start..<end] {
            switch byte {
            case 0x2E: dots += 1
            case 0x3A: colons += 1
            case 0x2D: dashes += 1
            case 0x41...0x46, 0x61...0x66: letters += 1
            default: break
            }
        }
        let mac = end - start == 17 && (colons == 5 || dashes == 5) && dots == 0
        let quad = dots == 3 && colons <= 1 && dashes == 0 && letters == 0
        let six = colons >= 2 && dots <= 3 && dashes == 0
        guard mac || quad || six else { return nil }
        let token = String(decoding: bytes[start..<end], as: UTF8.self)
        func finding(_ type: FindingType, _ confidence: Double) -> Finding {
            Finding(type: type.rawValue, start: start, end: end, confidence: confidence, validated: true)
        }
        func named() -> Bool { ContextWords.before(bytes, offset: start, contains: contextWords) }
        if mac, isMAC(token) { return finding(.macAddress, named() ? 0.95 : 0.8) }
        if quad, let octets = ipv4(token) {
            if named() { return finding(.ipAddress, 0.95) }
            return finding(.ipAddress, octets.allSatisfy { $0 <= 30 } ? 0.3 : 0.85)
        }
        if six, isIPv6(token) { return finding(.ipAddress, 0.9) }
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

    /// Digits, hexadecimal letters, dots, colons and dashes: what an address is made of.
    static func isTokenByte(_ byte: UInt8) -> Bool { isHex(byte) || byte == 0x2E || byte == 0x3A || byte == 0x2D }

    static func isWordByte(_ byte: UInt8) -> Bool {
        IdentifierDetector.isAlnum(byte) && !isHex(byte) || byte == 0x5F || byte >= 0x80
    }
}
