import Testing

@testable import DocketDecide
@testable import DocketModel
@testable import DocketSpec

/// IP and MAC addresses, and the card schemes and lengths that were missed, in English, German
/// and French, each next to a near miss that must not be found.
@Suite struct NetworkAndCardTests {
    let classifier = Classifier(taxonomy: TaxonomySpec(levels: ["internal"], defaultLevel: "internal", rules: []))

    func found(_ text: String, _ type: FindingType, minConfidence: Double = 0.5) -> String? {
        guard
            let finding = classifier.findings(in: text).first(where: {
                $0.type == type.rawValue && $0.confidence >= minConfidence
            })
        else { return nil }
        return String(decoding: Array(text.utf8)[finding.start..<finding.end], as: UTF8.self)
    }

    @Test func ipv4AddressesInThreeLanguages() {
        #expect(found("The server at 192.168.10.25 logs each access.", .ipAddress) == "192.168.10.25")
        #expect(found("Die IP-Adresse 10.0.0.7 wird 30 Tage gespeichert.", .ipAddress) == "10.0.0.7")
        #expect(found("L'adresse IP 172.16.254.1 du poste de travail.", .ipAddress) == "172.16.254.1")
        #expect(found("Access from 203.0.113.5:8443 was refused.", .ipAddress) == "203.0.113.5:8443")
        #expect(found("Logged by host 8.8.4.4.", .ipAddress) == "8.8.4.4")
    }

    @Test func numbersThatLookLikeIPv4AreNot() {
        for text in [
            "Section 1.2.3.4 applies.", "Artikel 2.1.3.4 gilt entsprechend.", "l'article 3.2.1.1 s'applique",
            "Value 256.1.1.1 is out of range.", "Release 192.168.1 of the form.", "Clause 1.2.3.4.5 applies.",
            "At 10:30:45 the meeting started.", "Version 2.10.3 of the software.",
            "Host 192.168.010.1 is written wrong.",
            "Der Betrag von 1.000.000,00 EUR", "le 01.02.2024 à Paris",
        ] {
            #expect(found(text, .ipAddress) == nil, "\(text)")
        }
        // A clause-like quad is still seen, with a confidence below the usual threshold.
        #expect(found("Section 1.2.3.4 applies.", .ipAddress, minConfidence: 0.2) == "1.2.3.4")
    }

    @Test func ipv6AndMACAddresses() {
        #expect(found("The host 2001:db8:85a3::8a2e:370:7334 answered.", .ipAddress) == "2001:db8:85a3::8a2e:370:7334")
        #expect(found("Adresse IPv6 : fe80::1ff:fe23:4567:890a.", .ipAddress) == "fe80::1ff:fe23:4567:890a")
        #expect(found("Zeitstempel 12:30:45:10 im Protokoll", .ipAddress) == nil)
        #expect(found("MAC address 00:1A:2B:3C:4D:5E of the laptop", .macAddress) == "00:1A:2B:3C:4D:5E")
        #expect(found("MAC-Adresse 00-1A-2B-3C-4D-5E des Geräts", .macAddress) == "00-1A-2B-3C-4D-5E")
        #expect(found("Code 00:1A:2B:3C:4D only", .macAddress) == nil)
        #expect(found("Code 00:1A-2B:3C-4D:5E mixed", .macAddress) == nil)
    }

    @Test func dinersMaestroAndUnknownSchemesAfterCardWords() {
        // 14-digit Diners: Luhn-valid like a SIRET, a card unless SIRET words stand before it.
        #expect(found("Diners Club 3056 930902 5904, exp. 09/28", .paymentCard) == "3056 930902 5904")
        #expect(found("Diners Club 3056 930902 5905", .paymentCard) == nil)
        #expect(found("Paid with 30569309025904.", .paymentCard) == "30569309025904")
        // The same digits printed as a SIRET (3-3-3-5) stay a SIRET, not nothing.
        let siret = classifier.findings(in: "Établissement 305 693 090 25904").map(\.type)
        #expect(siret == ["fr_siret"], "\(siret)")
        // 12-digit Maestro.
        #expect(found("Maestro-Karte 6759 6498 2648", .paymentCard) == "6759 6498 2648")
        #expect(found("Maestro-Karte 6759 6498 2647", .paymentCard) == nil)
        #expect(found("carte Maestro 501234567896", .paymentCard) == "501234567896")
        // No known scheme: a card only after a word that says so.
        #expect(found("Kreditkarte 9000 1234 5678 9008", .paymentCard) == "9000 1234 5678 9008")
        #expect(found("Kreditkarte 9000 1234 5678 9009", .paymentCard) == nil)
        #expect(found("Order 9000 1234 5678 9008 shipped", .paymentCard) == nil)
        #expect(Checksums.cardScheme("2200123456789019") == "mir")
    }
}
