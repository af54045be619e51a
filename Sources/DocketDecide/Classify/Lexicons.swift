import DocketModel

/// Word lists in English, German and French. A term is one or more lowercase words; a term
/// ending in "*" matches any word that starts with it (German compounds: "krankheit*" matches
/// "Krankheitsfall"). Weights are confidences: a specific term (a diagnosis, "Grad der
/// Behinderung") is strong evidence about a person, a generic one ("illness" in a sick-leave
/// clause) is weak, and stays below the default threshold of 0.5 on its own.
enum Lexicons {
    static let specialCategories: [FindingType: [(String, Double)]] = [
        .health: [
            ("diagnosis", 0.7), ("diagnosed", 0.8), ("medical condition", 0.8), ("health condition", 0.8),
            ("disability", 0.7),
            ("disabled", 0.6), ("pregnant", 0.8), ("pregnancy", 0.7), ("hiv", 0.9), ("diabetes", 0.9), ("cancer", 0.8),
            ("depression", 0.7), ("medication", 0.6), ("sick leave", 0.4), ("illness", 0.3),
            ("medical certificate", 0.5),
            ("krankheit*", 0.3), ("erkrankung*", 0.6), ("diagnose*", 0.7), ("schwerbehinderung*", 0.9),
            ("behinderung*", 0.7),
            ("grad der behinderung", 0.95), ("schwanger*", 0.8), ("arbeitsunfähigkeit*", 0.4), ("attest*", 0.5),
            ("krankenkasse*", 0.4), ("therapie*", 0.6), ("maladie*", 0.4), ("handicap*", 0.7), ("enceinte", 0.8),
            ("grossesse", 0.7), ("grossesse*", 0.7), ("diabète", 0.9), ("médical*", 0.4), ("arrêt maladie", 0.5),
            ("invalidité", 0.7), ("travailleur handicapé", 0.9),
        ],
        .religion: [
            ("religion", 0.6), ("religious", 0.6), ("church", 0.4), ("muslim", 0.8), ("christian", 0.7),
            ("jewish", 0.8),
            ("religious belief", 0.9), ("konfession*", 0.8), ("kirchensteuer*", 0.8), ("religionszugehörigkeit", 0.9),
            ("glaube*", 0.4), ("religiös*", 0.7), ("confession religieuse", 0.9), ("religieu*", 0.6),
        ],
        .ethnicity: [
            ("ethnic origin", 0.9), ("racial origin", 0.9), ("ethnicity", 0.8), ("race", 0.3),
            ("ethnische herkunft", 0.9),
            ("ethnisch*", 0.7), ("origine ethnique", 0.9), ("origine raciale", 0.9),
        ],
        .politicalOpinion: [
            ("political opinion", 0.9), ("political party", 0.7), ("political views", 0.9), ("politische meinung", 0.9),
            ("parteimitglied*", 0.9), ("opinion politique", 0.9), ("opinions politiques", 0.9),
            ("parti politique", 0.7),
        ],
        .unionMembership: [
            ("trade union", 0.8), ("union member", 0.9), ("union membership", 0.9), ("gewerkschaft*", 0.8),
            ("syndicat", 0.7), ("syndical*", 0.8), ("adhérent syndical", 0.9),
        ],
        .sexLife: [
            ("sexual orientation", 0.9), ("sex life", 0.9), ("homosexual", 0.9), ("gay", 0.5), ("lesbian", 0.8),
            ("sexuelle orientierung", 0.9), ("sexualleben", 0.9), ("orientation sexuelle", 0.9), ("vie sexuelle", 0.9),
        ],
        .geneticBiometric: [
            ("genetic data", 0.9), ("genetic", 0.6), ("dna", 0.7), ("biometric", 0.8), ("fingerprint*", 0.8),
            ("facial recognition", 0.8),
            ("genetisch*", 0.7), ("biometrisch*", 0.8), ("fingerabdr*", 0.8), ("génétique*", 0.7),
            ("biométrique*", 0.8),
            ("empreinte digitale", 0.8), ("empreintes digitales", 0.8),
        ],
        .criminal: [
            ("criminal record", 0.9), ("criminal conviction", 0.9), ("convicted", 0.8), ("conviction", 0.5),
            ("criminal offence", 0.7),
            ("vorstrafe*", 0.9), ("führungszeugnis*", 0.8), ("straftat*", 0.6), ("verurteil*", 0.7),
            ("casier judiciaire", 0.9),
            ("condamnation*", 0.6), ("condamné", 0.7), ("infraction pénale", 0.7),
        ],
    ]

    /// Markings: the phrase as a label (a line of its own or in capitals), not in running text.
    static let markings: [FindingType: [String]] = [
        .strictlyConfidential: [
            "strictly confidential", "streng vertraulich", "strictement confidentiel", "highly confidential",
        ],
        .confidential: ["confidential", "vertraulich", "confidentiel", "confidentielle"],
    ]

    static let documentTypes: [DocumentType: [String]] = [
        .nda: [
            "non-disclosure agreement", "nondisclosure agreement", "confidentiality agreement", "mutual non-disclosure",
            "geheimhaltungsvereinbarung", "vertraulichkeitsvereinbarung", "accord de confidentialité", "nda",
        ],
        .services: [
            "services agreement", "service agreement", "consulting agreement", "consultancy agreement", "hosting",
            "managed services", "master services", "agency agreement", "development agreement",
            "dienstleistungsvertrag",
            "beratungsvertrag", "werkvertrag", "contrat de prestation", "prestation de services", "statement of work",
        ],
        .employment: [
            "employment agreement", "employment contract", "contract of employment", "employee", "arbeitsvertrag",
            "arbeitnehmer", "arbeitnehmerin", "contrat de travail", "salarié", "employer",
        ],
        .lease: [
            "lease agreement", "tenancy agreement", "landlord", "tenant", "mietvertrag", "vermieter", "mieter",
            "contrat de bail", "bailleur", "locataire",
        ],
        .licence: [
            "license agreement", "licence agreement", "licensor", "licensee", "intellectual property agreement",
            "franchise",
            "franchisee", "franchisor", "endorsement", "trademark license", "co-branding", "lizenzvertrag", "lizenz",
            "contrat de licence",
        ],
        .supplyDistribution: [
            "supply agreement", "distribution agreement", "distributor", "reseller", "purchase agreement",
            "affiliate agreement",
            "liefervertrag", "vertriebsvertrag", "händlervertrag", "contrat de distribution", "contrat de fourniture",
        ],
        .courtFiling: [
            "plaintiff", "plaintiffs", "defendant", "defendants", "case no", "civil action", "kläger", "klägerin",
            "beklagte",
            "aktenzeichen", "demandeur", "défendeur", "assignation",
        ],
        .correspondence: [
            "dear", "yours sincerely", "yours faithfully", "kind regards", "sehr geehrte", "mit freundlichen grüßen",
            "madame, monsieur", "veuillez agréer", "cordialement",
        ],
        .invoice: ["invoice", "invoice number", "amount due", "rechnung", "rechnungsnummer", "facture", "montant dû"],
    ]

    static let stopwords: [String: [String]] = [
        "en": [
            "the", "and", "of", "to", "in", "is", "that", "for", "shall", "be", "with", "by", "this", "or", "any", "as",
            "on", "such", "not", "are",
        ],
        "de": [
            "der", "die", "und", "das", "den", "ist", "nicht", "mit", "des", "dem", "auf", "für", "eine", "ein",
            "wird",
            "von", "zu", "im", "sich", "oder",
        ],
        "fr": [
            "le", "la", "les", "des", "et", "du", "est", "une", "un", "pour", "dans", "par", "sur", "au", "aux", "qui",
            "que", "ne", "pas", "ou",
        ],
        "es": [
            "el", "los", "las", "del", "y", "en", "que", "por", "con", "una", "para", "se", "su", "al", "lo", "como",
            "más", "o", "este", "sus",
        ],
        "it": [
            "il", "di", "che", "della", "per", "con", "non", "una", "sono", "gli", "delle", "dei", "nel", "alla", "si",
            "al", "del", "questo", "ai", "lo",
        ],
        "nl": [
            "de", "het", "een", "van", "en", "dat", "niet", "op", "te", "voor", "met", "zijn", "aan", "wordt", "bij",
            "door", "ook", "als", "naar", "deze",
        ],
    ]

    /// Legal forms that end an organisation's name, as one word or as the letters of a dotted or
    /// spaced form ("S.p.A." → "spa", "Sp. z o.o." → "spzoo", "A/S" → "as").
    static let legalForms: Set<String> = [
        "ltd", "limited", "plc", "llp", "llc", "lllp", "pllc", "inc", "incorporated", "corp", "corporation", "co",
        "company", "lp", "pc", "pty", "gmbh", "ag", "kg", "kgaa", "se", "ohg", "og", "ev", "eg", "ek", "mbh", "ug",
        "gbr", "gesbr", "partg", "mbb", "bv", "nv", "vof", "cv", "bvba", "sprl", "scrl", "cvba", "vzw", "asbl", "sas",
        "sarl", "sàrl", "sa", "sasu", "eurl", "sca", "snc", "sci", "scs", "sel", "selarl", "scp", "spa", "srl", "srls",
        "sapa", "sl", "slne", "slu", "scoop", "lda", "sgps", "ab", "hb", "kb", "oy", "oyj", "ky", "ry", "as", "asa",
        "aps", "ivs", "spzoo", "spk", "spj", "sro", "vos", "ks", "os", "doo", "dd", "sp", "kft", "zrt", "nyrt", "bt",
        "kkt", "ehf", "hf", "ou", "oü", "uab", "sia", "ad", "ood", "eood", "ltda", "cie",
    ]
    /// Legal forms written in lower case in an organisation's name ("Paier Weidinger e.V."). Other
    /// forms count only capitalised: "as" and "co" are English words.
    static let lowercaseLegalForms: Set<String> = [
        "ev", "eg", "ek", "srl", "spa", "sro", "vos", "ks", "os", "doo", "dd", "ry", "spzoo", "spk", "spj", "sas",
        "sarl", "scoop", "slne", "mbh",
    ]
    /// Words that end a partnership's name after "&", "and", "und", "et", "e" or "y": "Walter Brun & Söhne",
    /// "Jackson and Sons", "Rossi Girard et Fils", "Zanazzo-Tamburi e figli", "Tovar y asociados".
    static let firmSuffixes: Set<String> = [
        "partner", "partners", "söhne", "sohn", "sons", "son", "søn", "cie", "fils", "figli", "asociados",
        "associates", "associés", "co", "company", "teilhaber", "frères", "brothers", "bros",
    ]
    /// Words that make a capitalised name an organisation even without a legal form.
    static let organisationWords: Set<String> = [
        "bank", "holdings", "holding", "group", "international", "partners", "services", "technologies", "technology",
        "systems", "communications", "insurance", "versicherung", "logistik", "analytics", "software", "university",
        "association", "foundation", "stiftung", "micro", "network", "networks", "industries", "capital", "trust",
        "fund", "groep", "grupa", "gruppe", "groupe", "grupo", "consulting", "solutions", "logistics", "verein",
        "genossenschaft", "institut", "institute", "labs", "laboratories", "pharma", "media", "ventures", "energy",
        "transportes", "industrias", "verlag", "werke", "bauunternehmung", "cabinet", "agency", "agentur", "bancorp",
        "bancshares",
    ]
    static let salutations: Set<String> = [
        "mr", "mrs", "ms", "miss", "dr", "prof", "herr", "frau", "monsieur", "madame", "mme", "mlle", "sir", "dame",
    ]
    /// Words before a date that make it a date of birth.
    static let birthContext = [
        "born", "date of birth", "dob", "d.o.b", "birth date", "geboren", "geb.", "geburtsdatum", "né le",
        "née le", "né", "née", "date de naissance",
    ]
    /// Street words that open the street's name, the number after it: French ("rue de la République"),
    /// Italian, Spanish, Portuguese, Romanian and Polish ("Strada Taliercio, 47", "ul. Paderewskiego 77").
    static let openingStreetWords: Set<String> = [
        "rue", "place", "avenue", "boulevard", "chemin", "allée", "quai", "impasse", "cours", "route", "voie", "via",
        "viale", "piazza", "calle", "ulica", "ul", "strada", "corso", "vicolo", "largo", "contrada", "borgo",
        "avenida", "paseo", "pasaje", "plaza", "camino", "ronda", "carrera", "glorieta", "rambla", "travesía", "rua",
        "travessa", "praça", "estrada", "alameda", "intrarea", "aleea", "bulevardul", "calea", "splaiul", "aleja",
        "plac", "al", "urbanización", "callejón", "vial", "acceso", "cuesta", "carretera", "rotonda",
    ]
    /// Street names that are one word ending in one of these: German ("Leopoldstraße"), Dutch
    /// ("Gerritsingel"), Swedish ("Skolvägen"), Danish ("Dampfærgevej"), Finnish ("Dosentinkuja").
    static let streetSuffixes = [
        "straße", "strasse", "str", "weg", "platz", "allee", "ufer", "kai", "gasse", "ring", "damm", "steig", "pfad",
        "chaussee", "markt", "graben", "stieg", "hof", "straat", "laan", "plein", "gracht", "kade", "dijk", "singel",
        "boulevard", "steeg", "vägen", "gatan", "gränd", "stigen", "torget", "backen", "vej", "gade", "allé",
        "stræde", "plads", "katu", "kuja", "polku", "väylä", "kaari", "rinne", "ranta", "baan", "dreef",
    ]
    /// Parts of a building before the street: "Flat 9, McDonald Alley", "Suite 500, 1 Main Street".
    static let addressUnits: Set<String> = [
        "flat", "apartment", "apt", "suite", "unit", "studio", "floor", "room", "building", "wohnung", "appartement",
        "bâtiment", "étage", "puerta", "piso", "appartamento", "scala", "interno",
    ]
    /// Lowercase words inside a town's name: "Frankfurt am Main", "Spittal an der Drau", "Rey-les-Bains".
    static let townParticles: Set<String> = [
        "am", "an", "der", "im", "ob", "bei", "sur", "sous", "les", "lès", "en", "la", "le", "de", "près", "aan",
        "den", "op", "upon", "on",
    ]
    /// The US Navy's and Coast Guard's ships, named in military addresses: "USS Richardson, FPO AE 21029".
    static let shipPrefixes: Set<String> = ["uss", "usns", "usnv", "uscgc"]
    /// Countries, which close an address: "…, 1016 DV Amsterdam, Netherlands".
    static let countries: Set<String> = [
        "germany", "deutschland", "france", "netherlands", "nederland", "switzerland", "schweiz", "austria",
        "österreich", "belgium", "belgique", "luxembourg", "italy", "italia", "spain", "españa", "ireland", "kingdom",
        "states", "america",
    ]
    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "januar", "februar",
        "märz", "mai",
        "juni", "juli", "oktober", "dezember", "janvier", "février", "mars", "avril", "juin", "juillet", "août",
        "septembre",
        "octobre", "novembre", "décembre",
        // Days of the week, which are no names either ("on Sunday").
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag", "mittwoch",
        "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
        "dimanche",
    ]
    /// Small words inside names: "Sandler O'Neill & Partners", "Bank of America", "Maarten de Vries".
    static let nameConnectors: Set<String> = [
        "of", "and", "de", "der", "von", "van", "du", "des", "la", "le", "et", "und", "y", "e",
    ]
    /// Lowercase words inside a person's name: "Maarten de Vries", "Ursula von der Leyen".
    static let nameParticles: Set<String> = [
        "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "des", "le", "la", "ten", "ter", "zu",
        "dos", "das", "do", "y", "af",
    ]
    /// Words of place names, never of a person's name: "Lake Katieview", "Saint-Étienne", "Bad Homburg",
    /// countries outside the EU that are given names too ("China"), and adjectives of countries and
    /// languages ("the English language").
    static let placeWords: Set<String> = [
        "ville", "lake", "port", "north", "south", "east", "west", "new", "saint", "sainte", "san", "santa", "mount",
        "fort", "bad", "upper", "lower", "great", "little", "nord", "sud", "est", "ouest", "neu", "alt", "ober",
        "unter", "sankt", "st", "ste", "les", "sur", "am", "im", "bei", "city", "county", "heights", "springs",
        "beach", "island", "valley", "view", "haven", "bridge", "field", "burg", "town", "mouth", "land", "side",
        "china", "japan", "canada", "mexico", "brazil", "australia", "korea", "taiwan", "singapore", "israel", "russia",
        "english", "german", "french", "dutch", "italian", "spanish", "european", "american", "british", "irish",
        "swiss", "austrian", "belgian",
    ]
    /// Roles a party definition gives an organisation: "X (the "Supplier")".
    static let organisationRoles: Set<String> = [
        "supplier", "customer", "company", "licensor", "licensee", "distributor", "purchaser", "seller", "buyer",
        "vendor", "contractor", "provider", "lender", "borrower", "bank", "manufacturer", "reseller", "client",
        "fournisseur", "prestataire", "société", "acheteur", "vendeur", "distributeur", "concédant", "licencié",
        "lieferant", "auftragnehmer", "auftraggeber", "kunde", "gesellschaft", "käufer", "verkäufer", "lizenzgeber",
        "lizenznehmer", "händler", "hersteller", "arbeitgeber", "employer", "employeur",
    ]
    /// Roles a party definition gives a person: "Aitan Zacharin (the "Executive")".
    static let personRoles: Set<String> = [
        "employee", "executive", "consultant", "guarantor", "arbeitnehmer", "arbeitnehmerin",
        "mitarbeiter", "mitarbeiterin", "salarié", "salariée", "officer", "director", "agent",
    ]
    /// Words just before a name that make it an organisation's: "la société Chevalier", "die Firma Kranz";
    /// and German articles, since a German name after "die" is a firm's.
    static let organisationIntroducers = Set(["société", "firma", "entreprise", "unternehmen"]).union(germanArticles)
    static let germanArticles: Set<String> = ["der", "die", "den", "dem"]
    /// Nouns after "X, a …" that say X is an organisation: "X, a Delaware corporation".
    static let organisationNouns: Set<String> = [
        "corporation", "company", "firm", "partnership", "entity", "llc", "bank", "gmbh", "association", "trust",
        "business", "cabinet", "société", "gesellschaft", "subsidiary", "affiliate",
    ]
    /// Words that number a part of a document with a letter: "Section A.", "Anlage B.", "Annexe C.".
    static let headingWords: Set<String> = [
        "section", "article", "clause", "schedule", "exhibit", "annex", "appendix", "part", "paragraph", "ziffer",
        "anlage", "abschnitt", "teil", "artikel", "annexe", "titre", "chapitre", "partie",
    ]
    /// Words just before (or after) a person's name that say it is one.
    static let personContext: Set<String> = [
        "employee", "contact", "attention", "attn", "signed", "witness", "dear", "hi", "hello", "thanks", "regards",
        "name", "representative", "consultant", "arbeitnehmer", "arbeitnehmerin", "mitarbeiter", "mitarbeiterin",
        "ansprechpartner", "ansprechpartnerin", "zeuge", "zeugin", "unterschrift", "hallo", "grüße", "liebe",
        "lieber", "salarié", "salariée", "témoin", "nom", "bonjour", "cordialement", "contactez", "signé",
    ]
    /// Words that open a sentence or introduce a party, never part of its name.
    static let leadingNoise: Set<String> = [
        "this", "the", "between", "and", "by", "for", "with", "signed", "zwischen", "der", "die",
        "das", "firma", "und", "für", "entre", "la", "le", "société", "et", "pour", "par", "of",
    ]
    /// Words that show a capitalised phrase is a document, a place or a role, not a party's name.
    static let notNames = Set([
        "agreement", "contract", "amendment", "schedule", "annex", "exhibit", "vertrag", "arbeitsvertrag", "contrat",
        "accord", "europe",
    ]).union(countries)
    /// Street words: English ones close the street's name ("Harbour Street"), French ones open it.
    /// The English ones are the USPS street suffixes (Publication 28), plurals ("Wood Courts") too, but
    /// not those that are common nouns before a number ("Point 3", "Key 2").
    static let streetWords: Set<String> = [
        "street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "dr", "way", "square", "sq", "place",
        "pl", "court", "ct", "boulevard", "blvd", "terrace", "crescent", "close", "grove", "gardens", "mews", "row",
        "walk", "alley", "plains", "plaza", "harbor", "harbour", "junction", "junctions", "tunnel", "orchard",
        "mission", "course", "ridge", "meadow", "meadows", "center", "centre", "circle", "circles", "cliff", "creek",
        "crossing", "estates", "expressway", "extension", "ferry", "fields", "forge", "fork", "freeway", "glen",
        "greens", "heights", "highway", "hwy", "hill", "hills", "hollow", "inlet", "knoll", "knolls", "landing", "loop",
        "manor", "mill", "mills", "motorway", "parkway", "pkwy", "pike", "pines", "plain", "points", "prairie", "ranch",
        "rapids", "ridges", "route", "shoal", "shoals", "shore", "shores", "skyway", "springs", "stravenue", "stream",
        "summit", "throughway", "trace", "track", "trafficway", "trail", "turnpike", "underpass", "union", "valley",
        "viaduct", "vista", "wells", "burgs", "camp", "canyon", "cape", "causeway", "corner", "corners", "cove",
        "coves", "dale", "dam", "divide", "falls", "flat", "flats", "ford", "fords", "forest", "fort", "gateway",
        "haven", "island", "islands", "isle", "keys", "lakes", "light", "lights", "lock", "locks", "lodge", "mount",
        "mountain", "neck", "oval", "overpass", "park", "parks", "pass", "passage", "path", "pine", "port", "ports",
        "radial", "ramp", "rest", "river", "run", "squares", "station", "trailer", "village", "villages", "ville",
        "views", "wall", "well", "branch", "bridge", "brook", "brooks", "burg", "bypass", "club", "common", "commons",
        "estate", "field", "garden", "green", "groves", "harbors", "lake", "straße", "strasse", "str", "weg", "platz",
        "allee", "gasse", "ring", "ufer", "damm", "chaussee", "kai", "rue", "chemin", "allée", "quai", "impasse",
        "cours", "voie", "gracht", "straat", "laan", "plein", "via", "viale", "piazza", "calle", "ulica", "ul", "utca",
        "cesta", "ulice", "centers", "cliffs", "courts", "crest", "crossroad", "curve", "drives", "extensions",
        "forges", "forks", "glens", "mall", "manors", "mountains", "parkways", "roads", "spur", "spurs", "streets",
        "unions", "valleys", "walks", "ways", "út", "tér", "körút", "námestie", "náměstí", "kuja", "katu",
    ]
}
