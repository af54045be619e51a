"""The texts of Docket's sample contracts. All people, companies, addresses and numbers are
invented; identifiers with checksums (IBAN, Steuer-ID, SIREN) are computed to be valid so that
detectors can be tested on them. Each contract is a title and a list of blocks:
("h", heading), ("p", paragraph), ("table", rows) or ("sig", [lines])."""

from identifiers import iban, steuer_id, siren


def nda():
    return {
        "name": "mutual-nda",
        "title": "MUTUAL NON-DISCLOSURE AGREEMENT",
        "blocks": [
            ("p", "This Mutual Non-Disclosure Agreement (the \"Agreement\") is made on 3 March 2025 between "
                  "Northwind Analytics Ltd, a company registered in England and Wales under number 09876543, "
                  "whose registered office is at 14 Harbour Street, Bristol BS1 4QA, United Kingdom "
                  "(hereinafter the \"Discloser\"), and Bergmann Logistik GmbH, Am Sandtorkai 41, 20457 Hamburg, "
                  "Germany (hereinafter the \"Recipient\"), each a \"Party\"."),
            ("h", "RECITALS"),
            ("p", "WHEREAS the Parties wish to evaluate a possible cooperation on route optimisation software "
                  "(the \"Purpose\"); and WHEREAS each Party will disclose confidential information to the other "
                  "for the Purpose only;"),
            ("p", "NOW, THEREFORE, the Parties agree as follows."),
            ("h", "1. Definitions"),
            ("p", "1.1 \"Confidential Information\" means all information disclosed by a Party, in any form, that is "
                  "marked confidential or that a reasonable person would understand to be confidential."),
            ("p", "1.2 Confidential Information does not include information that (a) is or becomes public "
                  "through no fault of the Recipient; (b) was lawfully known to the Recipient before disclosure; "
                  "or (c) is independently developed without use of the Confidential Information."),
            ("h", "2. Obligations"),
            ("p", "2.1 Each Party shall keep the other Party's Confidential Information strictly confidential and "
                  "shall use it only for the Purpose."),
            ("p", "2.2 Each Party may disclose Confidential Information to its employees and advisers who need "
                  "to know it for the Purpose and who are bound by duties of confidentiality no less strict than "
                  "those in this Agreement."),
            ("p", "2.3 Personal data exchanged under this Agreement shall be processed in accordance with the "
                  "General Data Protection Regulation (EU) 2016/679."),
            ("h", "3. Term and Termination"),
            ("p", "3.1 This Agreement starts on the date above and continues for two (2) years. Either Party may "
                  "terminate it with thirty (30) days' written notice."),
            ("p", "3.2 The obligations in clause 2 survive termination for five (5) years."),
            ("h", "4. Return of Information"),
            ("p", "On request, each Party shall return or destroy the other Party's Confidential Information and "
                  "confirm this in writing within fourteen (14) days."),
            ("h", "5. Notices"),
            ("p", "Notices shall be sent to the Discloser for the attention of Priya Raman, priya.raman@northwind-analytics.co.uk, "
                  "+44 117 496 0123, and to the Recipient for the attention of Jonas Bergmann, j.bergmann@bergmann-logistik.de, "
                  "+49 40 3019 4417."),
            ("h", "6. Governing Law"),
            ("p", "This Agreement is governed by the laws of England and Wales. The courts of London have exclusive "
                  "jurisdiction."),
            ("sig", ["Signed for Northwind Analytics Ltd: Priya Raman, Director, Bristol, 3 March 2025",
                     "Signed for Bergmann Logistik GmbH: Jonas Bergmann, Geschäftsführer, Hamburg, 3 March 2025"]),
        ],
    }


def services():
    account = iban("DE", "37040044", "0532013000")
    return {
        "name": "it-services-agreement",
        "title": "IT SERVICES AGREEMENT",
        "blocks": [
            ("p", "This IT Services Agreement is entered into as of 1 July 2025 by and between Helios Cloud Services B.V., "
                  "Keizersgracht 221, 1016 DV Amsterdam, the Netherlands (the \"Supplier\"), and Rheinland Versicherung AG, "
                  "Konrad-Adenauer-Ufer 7, 50668 Köln, Germany (the \"Customer\")."),
            ("h", "1. Services"),
            ("p", "1.1 The Supplier shall provide the managed hosting, monitoring and support services described in "
                  "Schedule 1 (the \"Services\")."),
            ("p", "1.2 The Supplier shall perform the Services with reasonable skill and care and in accordance with "
                  "good industry practice."),
            ("h", "2. Service Levels"),
            ("p", "2.1 The Supplier shall make the hosted systems available 99.9% of each calendar month, excluding "
                  "scheduled maintenance announced at least five (5) business days in advance."),
            ("p", "2.2 If availability falls below the service level, the Customer is entitled to service credits of "
                  "5% of the monthly fee for each 0.1% below the target, capped at 30% of the monthly fee."),
            ("h", "3. Fees and Payment"),
            ("p", "3.1 The Customer shall pay a monthly fee of EUR 18,500.00 plus VAT, invoiced monthly in arrears."),
            ("p", f"3.2 Invoices are payable within thirty (30) days to the Supplier's account IBAN {account}, "
                  "BIC COBADEFFXXX."),
            ("table", [["Service", "Monthly fee (EUR)", "Start"],
                       ["Managed hosting", "12,000.00", "1 July 2025"],
                       ["24/7 monitoring", "4,500.00", "1 July 2025"],
                       ["Second-line support", "2,000.00", "1 August 2025"]]),
            ("h", "4. Data Protection"),
            ("p", "4.1 To the extent the Supplier processes personal data on behalf of the Customer, the data processing "
                  "agreement in Annex A applies. The Supplier shall process such data only within the European Economic Area."),
            ("p", "4.2 The Supplier shall notify the Customer of any personal data breach without undue delay and in any "
                  "event within twenty-four (24) hours."),
            ("h", "5. Limitation of Liability"),
            ("p", "5.1 Neither Party's total liability under this Agreement in any contract year shall exceed the fees "
                  "paid in the twelve (12) months preceding the claim."),
            ("p", "5.2 Nothing in this Agreement limits liability for death or personal injury caused by negligence, "
                  "for fraud, or for wilful misconduct."),
            ("h", "6. Term and Termination"),
            ("p", "6.1 This Agreement has an initial term of thirty-six (36) months and renews for successive periods of "
                  "twelve (12) months unless terminated with six (6) months' notice before the end of a term."),
            ("p", "6.2 Either Party may terminate this Agreement with immediate effect if the other Party commits a "
                  "material breach that is not remedied within thirty (30) days of written notice."),
            ("h", "7. Governing Law"),
            ("p", "This Agreement is governed by the laws of the Federal Republic of Germany. Place of jurisdiction is Cologne."),
            ("h", "Schedule 1 - Service Description"),
            ("p", "Hosting of the Customer's claims platform in two data centres in Frankfurt am Main; monitoring of "
                  "applications and databases; incident handling with a response time of 30 minutes for priority 1 incidents."),
            ("sig", ["For Helios Cloud Services B.V.: Maarten de Vries, CEO, maarten.devries@helios-cloud.nl, +31 20 794 5521",
                     "For Rheinland Versicherung AG: Dr. Katrin Hoffmann, CIO, k.hoffmann@rheinland-vers.de, +49 221 4710 3380"]),
        ],
    }


def arbeitsvertrag():
    account = iban("DE", "50010517", "5407324931")
    tax_id = steuer_id("5790248312")
    return {
        "name": "arbeitsvertrag",
        "title": "ARBEITSVERTRAG",
        "blocks": [
            ("p", "Zwischen der Firma Sonnenfeld Medizintechnik GmbH, Leopoldstraße 118, 80804 München "
                  "(nachfolgend \"Arbeitgeber\"), und Frau Lena Schäfer, geboren am 14.09.1988, wohnhaft in "
                  "Schwabinger Weg 12, 80807 München (nachfolgend \"Arbeitnehmerin\"), wird folgender Arbeitsvertrag geschlossen:"),
            ("h", "§ 1 Beginn und Tätigkeit"),
            ("p", "(1) Das Arbeitsverhältnis beginnt am 1. Februar 2025. Die Arbeitnehmerin wird als Qualitätsmanagerin "
                  "im Bereich Medizinprodukte eingestellt."),
            ("p", "(2) Die ersten sechs Monate gelten als Probezeit. Während der Probezeit kann das Arbeitsverhältnis mit "
                  "einer Frist von zwei Wochen gekündigt werden."),
            ("h", "§ 2 Arbeitszeit"),
            ("p", "Die regelmäßige wöchentliche Arbeitszeit beträgt 40 Stunden. Beginn und Ende der täglichen Arbeitszeit "
                  "richten sich nach den betrieblichen Regelungen."),
            ("h", "§ 3 Vergütung"),
            ("p", "(1) Die Arbeitnehmerin erhält ein monatliches Bruttogehalt von 5.850,00 Euro, zahlbar jeweils zum "
                  "Monatsende."),
            ("p", f"(2) Die Zahlung erfolgt auf das Konto der Arbeitnehmerin, IBAN {account}. "
                  f"Steuerliche Identifikationsnummer: {tax_id}."),
            ("h", "§ 4 Urlaub"),
            ("p", "Die Arbeitnehmerin hat Anspruch auf 30 Arbeitstage Erholungsurlaub im Kalenderjahr."),
            ("h", "§ 5 Krankheit"),
            ("p", "(1) Die Arbeitnehmerin ist verpflichtet, jede Arbeitsunfähigkeit und deren voraussichtliche Dauer "
                  "unverzüglich mitzuteilen."),
            ("p", "(2) Der Arbeitgeber nimmt zur Kenntnis, dass bei der Arbeitnehmerin eine Schwerbehinderung mit einem "
                  "Grad der Behinderung von 50 aufgrund einer Diabetes-Erkrankung festgestellt ist; ihr steht ein "
                  "Zusatzurlaub von fünf Arbeitstagen nach § 208 SGB IX zu."),
            ("h", "§ 6 Verschwiegenheit"),
            ("p", "Die Arbeitnehmerin verpflichtet sich, über alle Betriebs- und Geschäftsgeheimnisse während und nach "
                  "Beendigung des Arbeitsverhältnisses Stillschweigen zu bewahren."),
            ("h", "§ 7 Kündigung"),
            ("p", "Nach Ablauf der Probezeit gelten die gesetzlichen Kündigungsfristen nach § 622 BGB. Die Kündigung "
                  "bedarf der Schriftform."),
            ("h", "§ 8 Schlussbestimmungen"),
            ("p", "Änderungen und Ergänzungen dieses Vertrages bedürfen der Schriftform. Sollte eine Bestimmung "
                  "unwirksam sein, bleibt die Wirksamkeit der übrigen Bestimmungen unberührt."),
            ("p", "Kontakt der Arbeitnehmerin: lena.schaefer@posteo.de, Telefon +49 89 2154 7730."),
            ("sig", ["München, den 15. Januar 2025",
                     "Für den Arbeitgeber: Thomas Brandt, Geschäftsführer",
                     "Arbeitnehmerin: Lena Schäfer"]),
        ],
    }


def prestation():
    account = iban("FR", "30004", "00813", "00010123456", "91")
    company_id = siren("73282932")
    return {
        "name": "contrat-de-prestation",
        "title": "CONTRAT DE PRESTATION DE SERVICES",
        "blocks": [
            ("p", f"Entre les soussignés : la société Atelier Numérique Lyonnais SAS, SIREN {company_id}, dont le siège "
                  "social est situé 27 rue de la République, 69002 Lyon, représentée par Madame Claire Dubois, "
                  "Présidente (ci-après le \"Prestataire\"), et la société Boulangeries Martin SARL, 8 place Bellecour, "
                  "69002 Lyon, représentée par Monsieur Étienne Martin (ci-après le \"Client\")."),
            ("h", "Article 1 - Objet"),
            ("p", "Le présent contrat a pour objet la refonte du site internet du Client et la mise en place d'une "
                  "boutique en ligne, conformément au cahier des charges figurant en Annexe 1."),
            ("h", "Article 2 - Durée"),
            ("p", "Le contrat prend effet le 2 juin 2025 pour une durée de six (6) mois. Il pourra être prolongé par "
                  "avenant signé des deux parties."),
            ("h", "Article 3 - Prix et modalités de paiement"),
            ("p", "3.1 Le prix forfaitaire des prestations est fixé à 24 000,00 euros hors taxes."),
            ("p", f"3.2 Les factures sont payables à trente (30) jours par virement sur le compte IBAN {account}."),
            ("p", "3.3 Tout retard de paiement entraîne des pénalités égales à trois fois le taux d'intérêt légal."),
            ("h", "Article 4 - Obligations du Prestataire"),
            ("p", "Le Prestataire s'engage à exécuter les prestations avec soin et selon les règles de l'art. Il est "
                  "tenu d'une obligation de moyens."),
            ("h", "Article 5 - Confidentialité"),
            ("p", "Chaque partie s'engage à garder strictement confidentielles les informations de l'autre partie dont "
                  "elle aurait connaissance à l'occasion de l'exécution du contrat."),
            ("h", "Article 6 - Données personnelles"),
            ("p", "Le Prestataire traite les données personnelles des clients de la boulangerie en qualité de "
                  "sous-traitant au sens de l'article 28 du RGPD, uniquement sur instruction documentée du Client."),
            ("h", "Article 7 - Résiliation"),
            ("p", "En cas de manquement grave de l'une des parties, l'autre partie pourra résilier le contrat quinze (15) "
                  "jours après une mise en demeure restée sans effet."),
            ("h", "Article 8 - Droit applicable"),
            ("p", "Le présent contrat est soumis au droit français. Tout litige relève de la compétence du Tribunal de "
                  "commerce de Lyon."),
            ("p", "Contacts : claire.dubois@atelier-numerique.fr, 04 78 92 31 56 ; etienne.martin@boulangeries-martin.fr, "
                  "06 12 48 90 37."),
            ("sig", ["Fait à Lyon, le 20 mai 2025, en deux exemplaires.",
                     "Pour le Prestataire : Claire Dubois",
                     "Pour le Client : Étienne Martin"]),
        ],
    }


def protected_memo():
    return {
        "name": "board-memo-protected",
        "title": "STRICTLY CONFIDENTIAL - BOARD MEMORANDUM",
        "blocks": [
            ("p", "To: the Board of Directors of Northwind Analytics Ltd. From: Priya Raman. Date: 12 May 2025."),
            ("h", "1. Proposed acquisition"),
            ("p", "Management proposes to acquire 60% of the shares of Bergmann Logistik GmbH for a purchase price of "
                  "EUR 4.2 million, subject to due diligence and merger control clearance."),
            ("h", "2. Recommendation"),
            ("p", "The Board is asked to approve entry into exclusive negotiations until 30 June 2025."),
        ],
    }


ALL = [nda, services, arbeitsvertrag, prestation]
