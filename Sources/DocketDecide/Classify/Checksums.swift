import Foundation

/// Check-digit and format rules of the identifiers Docket detects. Input: the identifier's
/// characters without spaces or separators.
public enum Checksums {
    /// IBAN lengths by country (ISO 13616 registry, EU/EEA, UK, CH and common others).
    static let ibanLengths: [String: Int] = [
        "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
        "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26,
        "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28,
        "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "VA": 22, "TR": 26, "AE": 23, "SA": 24,
    ]

    /// ISO 13616: the country's length, and mod 97 of the rearranged number equal to 1.
    public static func isValidIBAN(_ value: String) -> Bool {
        let chars = Array(value.uppercased().utf8)
        guard chars.count >= 15, let length = ibanLengths[String(decoding: chars[0..<2], as: UTF8.self)],
            chars.count == length, chars[2...3].allSatisfy(isDigit)
        else { return false }
        var remainder = 0
        for byte in chars[4...] + chars[0..<4] {
            if isDigit(byte) {
                remainder = (remainder * 10 + Int(byte - 48)) % 97
            } else if byte >= 65 && byte <= 90 {
                remainder = (remainder * 100 + Int(byte - 55)) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }

    public static func isValidLuhn(_ digits: String) -> Bool {
        let bytes = Array(digits.utf8)
        guard bytes.count >= 2, bytes.allSatisfy(isDigit) else { return false }
        var sum = 0
        for (position, byte) in bytes.reversed().enumerated() {
            var digit = Int(byte - 48)
            if position % 2 == 1 { digit *= 2; if digit > 9 { digit -= 9 } }
            sum += digit
        }
        return sum % 10 == 0
    }

    /// Payment card: 13–19 digits, Luhn, and an issuer range in use (Visa, Mastercard, Amex,
    /// Discover, Diners, JCB, UnionPay, Maestro).
    public static func isValidPaymentCard(_ digits: String) -> Bool {
        guard (12...19).contains(digits.count), isValidLuhn(digits) else { return false }
        return cardScheme(digits) != nil
    }

    /// The scheme whose issuer ranges (IIN) and lengths the number fits, or nil.
    public static func cardScheme(_ digits: String) -> String? {
        let prefix = { (n: Int) in Int(digits.prefix(n)) ?? -1 }
        let length = digits.count
        switch true {
        case digits.hasPrefix("4"): return [13, 16, 19].contains(length) ? "visa" : nil
        case (51...55).contains(prefix(2)), (2221...2720).contains(prefix(4)): return length == 16 ? "mastercard" : nil
        case [34, 37].contains(prefix(2)): return length == 15 ? "amex" : nil
        case (2200...2204).contains(prefix(4)): return length >= 16 ? "mir" : nil
        case prefix(4) == 6011, prefix(2) == 65, (644...649).contains(prefix(3)): return length >= 16 ? "discover" : nil
        case (300...305).contains(prefix(3)), prefix(3) == 309, [36, 38, 39].contains(prefix(2)):
            return length >= 14 ? "diners" : nil
        case (3528...3589).contains(prefix(4)): return length >= 16 ? "jcb" : nil
        case prefix(4) == 2131, prefix(4) == 1800: return length == 15 ? "jcb" : nil  // JCB's older 15-digit cards
        case prefix(2) == 62: return length >= 16 ? "unionpay" : nil
        case (637...639).contains(prefix(3)): return length == 16 ? "instapayment" : nil
        case prefix(4) == 9792: return length == 16 ? "troy" : nil
        case [60, 81, 82].contains(prefix(2)), prefix(3) == 508: return length == 16 ? "rupay" : nil
        case prefix(1) == 1: return length == 15 ? "uatp" : nil
        // Maestro (50, 56–58, 63, 67; 12 to 19 digits) and the national debit schemes in its ranges.
        case [50, 56, 57, 58, 63, 67].contains(prefix(2)): return "maestro"
        default: return nil
        }
    }

    /// German Steuer-ID: 11 digits, first not 0; in the first ten one digit appears twice or three
    /// times and the others at most once; ISO 7064 MOD 11,10 check digit.
    public static func isValidGermanTaxID(_ digits: String) -> Bool {
        let d = digits.utf8.map { Int($0) - 48 }
        guard d.count == 11, d.allSatisfy({ (0...9).contains($0) }), d[0] != 0 else { return false }
        var counts = [Int](repeating: 0, count: 10)
        for value in d[0..<10] { counts[value] += 1 }
        let repeated = counts.filter { $0 > 1 }
        guard repeated.count == 1, (2...3).contains(repeated[0]) else { return false }
        return mod11_10(d[0..<10]) == d[10]
    }

    /// German VAT id (USt-IdNr): "DE" and nine digits, the last a MOD 11,10 check digit.
    public static func isValidGermanVATID(_ value: String) -> Bool {
        guard value.hasPrefix("DE") else { return false }
        let d = value.dropFirst(2).utf8.map { Int($0) - 48 }
        guard d.count == 9, d.allSatisfy({ (0...9).contains($0) }) else { return false }
        return mod11_10(d[0..<8]) == d[8]
    }

    static func mod11_10<C: Collection>(_ digits: C) -> Int where C.Element == Int {
        var product = 10
        for digit in digits {
            var sum = (digit + product) % 10
            if sum == 0 { sum = 10 }
            product = (sum * 2) % 11
        }
        let check = 11 - product
        return check == 10 ? 0 : check
    }

    /// French social security number (NIR): 13 characters (Corsica: 2A/2B) and a two-digit key,
    /// 97 minus the number mod 97.
    public static func isValidFrenchNIR(_ value: String) -> Bool {
        guard value.count == 15 else { return false }
        var body = String(value.prefix(13)).uppercased()
        let key = Int(value.suffix(2)) ?? -1
        guard body.first == "1" || body.first == "2" || body.first == "7" || body.first == "8" else { return false }
        // Corsican departments replace letters: 2A is 19, 2B is 18, after subtracting.
        var offset = 0
        // Compared as bytes: Foundation's `contains` and `replacingOccurrences` cost more than the rest of a run.
        if body.utf8.contains(UInt8(ascii: "A")) {
            body = String(body.map { $0 == "A" ? "0" : $0 }); offset = 1_000_000
        }
        if body.utf8.contains(UInt8(ascii: "B")) {
            body = String(body.map { $0 == "B" ? "0" : $0 }); offset = 2_000_000
        }
        guard let number = Int(body), body.utf8.allSatisfy(isDigit) else { return false }
        let month = (number / 100_000_000) % 100
        guard (1...12).contains(month) || (20...42).contains(month) || (50...99).contains(month) else { return false }
        return key == 97 - (number - offset) % 97
    }

    /// French SIREN (9 digits) and SIRET (14 digits): Luhn; La Poste's SIRETs sum to a multiple of 5.
    public static func isValidSIREN(_ digits: String) -> Bool { digits.count == 9 && isValidLuhn(digits) }

    public static func isValidSIRET(_ digits: String) -> Bool {
        guard digits.count == 14, digits.utf8.allSatisfy(isDigit) else { return false }
        if digits.hasPrefix("356000000") { return digits.utf8.reduce(0) { $0 + Int($1) - 48 } % 5 == 0 }
        return isValidLuhn(digits)
    }

    /// Dutch BSN: nine digits passing the "11-proof" (weights 9…2 and −1).
    public static func isValidBSN(_ digits: String) -> Bool {
        let d = digits.utf8.map { Int($0) - 48 }
        guard d.count == 9, d.allSatisfy({ (0...9).contains($0) }), d.contains(where: { $0 != 0 }) else { return false }
        let sum = zip(d, [9, 8, 7, 6, 5, 4, 3, 2, -1]).reduce(0) { $0 + $1.0 * $1.1 }
        return sum % 11 == 0
    }

    /// UK National Insurance number: two letters (with HMRC's exclusions), six digits, A–D.
    public static func isValidNINO(_ value: String) -> Bool {
        let c = Array(value.uppercased().utf8)
        guard c.count == 9, c[2..<8].allSatisfy(isDigit), (65...68).contains(c[8]) else { return false }
        let first = Character(UnicodeScalar(c[0])), second = Character(UnicodeScalar(c[1]))
        guard first.isLetter, second.isLetter, !"DFIQUV".contains(first), !"DFIOQUV".contains(second) else {
            return false
        }
        return !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].contains(String(value.prefix(2)).uppercased())
    }

    /// US SSN: area not 000, 666 or 900–999; group not 00; serial not 0000.
    public static func isValidSSN(_ digits: String) -> Bool {
        guard digits.count == 9, let area = Int(digits.prefix(3)), let group = Int(digits.dropFirst(3).prefix(2)),
            let serial = Int(digits.suffix(4))
        else { return false }
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
