#!/usr/bin/env python3
"""The detectors' development set: labelled sentences in English, German and French.

Each line of the output is a JSON object: {"id", "lang", "source", "text", "entities": [{"type",
"start", "end"}]}, offsets in UTF-8 bytes (as Docket's findings are). Every entity of the types we
measure that a sentence holds is labelled, so a finding of a type on a sentence with no entity of
that type is a false alarm.

Sources:
- "synthetic": templates written for Docket (contract clauses, HR letters, e-mails, invoices,
  signature blocks) filled with Faker's values for the language's own countries and, for people,
  the names of other EU residents (Polish, Czech, Hungarian, Romanian, Croatian, … names in a German
  contract). Faker is pinned, the seed is fixed: the same file every time.
- "negative": sentences full of what detectors confuse with personal data (capitalised defined
  terms and headings, dates, amounts, clause numbers, register and reference numbers, near-miss
  card numbers with one digit changed). They hold no entity.
- "cuad": the party names lawyers marked in 463 real contracts (CUAD, CC BY 4.0), each in the line
  of the contract where it first appears; only those entities are labelled, so these lines count
  for recall only ("party": a person or an organisation).

Docket's name gazetteer is built from another source (mimesis), so Faker's names are not the
lists the detector looks names up in.
"""

import argparse
import ast
import csv
import json
import random
import re
import sys
from pathlib import Path

from faker import Faker

SEED = 20261126
LOCALES = {
    "en": ["en_US", "en_GB", "en_IE"],
    "de": ["de_DE", "de_AT", "de_CH"],
    "fr": ["fr_FR", "fr_BE", "fr_CH"],
}
# Names of other EU residents, written in Latin script.
EU_NAME_LOCALES = [
    "pl_PL", "cs_CZ", "hu_HU", "ro_RO", "hr_HR", "sk_SK", "sl_SI", "lt_LT", "lv_LV", "it_IT", "es_ES", "pt_PT",
    "nl_NL", "fi_FI", "sv_SE", "da_DK", "et_EE", "tr_TR", "de_DE", "fr_FR", "en_IE",
]
# Faker has addresses, phone numbers and companies for fewer countries than names: these are the ones it has.
ADDRESS_LOCALES = {"en": ["en_US", "en_GB", "en_IE"], "de": ["de_DE", "de_AT", "de_CH"], "fr": ["fr_FR", "fr_CH"]}
PHONE_LOCALES = {"en": ["en_US", "en_GB"], "de": ["de_DE", "de_AT", "de_CH", "de_LU"], "fr": ["fr_FR", "fr_CH"]}
OTHER_PHONE_LOCALES = [
    "it_IT", "es_ES", "nl_NL", "nl_BE", "pl_PL", "pt_PT", "cs_CZ", "sv_SE", "da_DK", "lt_LT", "hu_HU", "ro_RO",
]
# Addresses of other EU countries, in any language's text: one address in four (see `address`).
EU_ADDRESS_LOCALES = [
    "it_IT", "es_ES", "nl_NL", "nl_BE", "pt_PT", "pl_PL", "cs_CZ", "sk_SK", "sv_SE", "da_DK", "fi_FI", "hu_HU",
    "ro_RO", "sl_SI", "hr_HR",
]
COMPANY_LOCALES = {"en": ["en_US"], "de": ["de_DE", "de_AT", "de_CH"], "fr": ["fr_FR", "fr_CH"]}
OTHER_COMPANY_LOCALES = ["nl_NL", "it_IT", "es_ES", "pl_PL", "cs_CZ", "sv_SE", "da_DK", "fi_FI", "pt_PT"]
CARD_TYPES = ["visa16", "visa13", "visa19", "mastercard", "amex", "discover", "diners", "jcb15", "jcb16", "maestro"]

TITLES = {
    "en": ["Mr", "Mr.", "Mrs", "Ms", "Ms.", "Dr", "Dr.", "Prof.", "Miss"],
    "de": ["Herr", "Frau", "Dr.", "Herrn", "Prof. Dr."],
    "fr": ["M.", "Mme", "Madame", "Monsieur", "Maître", "Me", "Dr"],
}

# {P} a person, {P_GIVEN} a bare given name, {P_SUR} a bare surname, {O} an organisation,
# {A} a postal address, {A1} a one-line address, {PH} a phone number, {C} a card number,
# {IP} an IP address, {E} an e-mail address. A template's values are labelled where they land.
TEMPLATES = {
    "en": {
        "person": [
            "This Employment Agreement is made between {O} and {P} (the \"Employee\").",
            "The Employee, {P}, shall report to the Chief Financial Officer.",
            "Please send the signed copy to {P} in our legal department.",
            "Signed by {P}, Director, for and on behalf of the Company.",
            "Name: {P}\nTitle: Head of Procurement",
            "Attention: {P}, General Counsel",
            "{P} joined the company on 1 March 2021 as a senior engineer.",
            "The Consultant shall be represented by {P} in all steering committee meetings.",
            "Dear {T} {P_SUR},\nThank you for your application.",
            "Hi {P_GIVEN}, could you review clause 7 before Friday?",
            "As discussed with {P_GIVEN} yesterday, the renewal notice has been sent.",
            "{P_SUR} will countersign the amendment on behalf of the Supplier.",
            "We spoke to {T} {P} about the termination of her contract.",
            "The disciplinary hearing for {P} is scheduled for next week.",
            "Witness: {P}",
            "Key Person means {P} and any replacement approved in writing by the Customer.",
            "By: /s/ {P}\nName: {P2}\nTitle: Chief Executive Officer",
            "Please contact {P} on {PH} if you have any questions.",
            "The reference letter for {P} was written by her former manager, {P2}.",
            "{P} and {P2} are appointed as the Company's representatives on the Joint Committee.",
            "Thanks, {P_GIVEN}",
            "Employee name: {P}; employee number: 48213.",
        ],
        "organisation": [
            "This Agreement is entered into by and between {O}, a Delaware corporation, and {O2}.",
            "{O} (the \"Supplier\") shall deliver the Products to the Customer's warehouse.",
            "The Licensee may sublicense its rights to {O} only with prior written consent.",
            "Invoices shall be addressed to {O}, Accounts Payable.",
            "The parties acknowledge that {O} acts as subcontractor for the hosting services.",
            "Signed for and on behalf of {O}",
            "The audit will be carried out by {O}, an independent accounting firm.",
            "{O} has agreed to guarantee the obligations of the Purchaser.",
            "The services are provided by {O} from its data centre in Frankfurt.",
            "Payment shall be made to {O} within thirty days of the invoice date.",
            "We have appointed {O} as our new logistics partner.",
        ],
        "postal_address": [
            "The registered office of the Company is at {A1}.",
            "Notices shall be sent to the following address:\n{A}",
            "Please deliver the equipment to {A1}.",
            "The Employee's home address is {A1}.",
            "{O}\n{A}",
            "The Landlord lets the premises at {A1} to the Tenant.",
            "Correspondence address: {A1}",
            "Send the originals by courier to {A1}, marked for the attention of the legal team.",
        ],
        "phone": [
            "Tel: {PH}",
            "For support, call {PH} between 9 am and 5 pm.",
            "You can reach me on {PH} or by e-mail at {E}.",
            "Phone: {PH}\nE-mail: {E}",
            "Emergency contact number: {PH}",
            "Please call our hotline at {PH} to report an incident.",
            "Mobile {PH}",
            "Fax: {PH}",
            "The Employee's private telephone number is {PH}.",
        ],
        "payment_card": [
            "Please charge the fee to card number {C}.",
            "Card number: {C}, expiry 09/27.",
            "The deposit was paid with the credit card {C}.",
            "Payment method: {C}",
            "Refund to the card ending in the number {C} was processed today.",
            "Corporate card {C} may be used for travel expenses only.",
        ],
        "ip_address": [
            "The login came from IP address {IP}.",
            "Access is restricted to the address {IP}.",
            "The server logs show requests from {IP} on 12 May.",
            "Whitelist {IP} in the firewall before go-live.",
            "The device was assigned the IP {IP} by the customer's DHCP server.",
            "Suspicious traffic originated from {IP}.",
        ],
    },
    "de": {
        "person": [
            "Zwischen der {O} und {P} (nachfolgend \"Arbeitnehmer\") wird folgender Vertrag geschlossen.",
            "Der Arbeitnehmer {P} wird als Sachbearbeiter eingestellt.",
            "Bitte senden Sie die unterschriebene Kopie an {P}.",
            "Für die Gesellschaft unterzeichnet {P}, Geschäftsführer.",
            "Name: {P}\nPosition: Leiterin Einkauf",
            "Ansprechpartner ist {P} aus der Rechtsabteilung.",
            "{P} ist seit dem 1. März 2021 als Ingenieur tätig.",
            "Die Gesellschaft wird durch {P} vertreten.",
            "Sehr geehrte{R} {T} {P_SUR},\nvielen Dank für Ihre Bewerbung.",
            "Hallo {P_GIVEN}, kannst du dir Ziffer 7 bis Freitag ansehen?",
            "Wie gestern mit {P_GIVEN} besprochen, ist die Kündigung versandt.",
            "{P_SUR} wird den Nachtrag für den Auftragnehmer unterzeichnen.",
            "Wir haben mit {T} {P} über die Beendigung des Arbeitsverhältnisses gesprochen.",
            "Das Personalgespräch mit {P} findet nächste Woche statt.",
            "Zeuge: {P}",
            "Schlüsselperson ist {P} oder ein vom Auftraggeber schriftlich genehmigter Ersatz.",
            "Bei Fragen wenden Sie sich bitte an {P} unter {PH}.",
            "Das Zeugnis für {P} hat ihr früherer Vorgesetzter, {P2}, verfasst.",
            "{P} und {P2} werden als Vertreter der Gesellschaft in den Lenkungsausschuss entsandt.",
            "Viele Grüße\n{P_GIVEN}",
            "Mitarbeiter: {P}, Personalnummer 48213.",
            "Ort, Datum: München, 12.05.2024\nUnterschrift: {P}",
        ],
        "organisation": [
            "Dieser Vertrag wird zwischen der {O} und der {O2} geschlossen.",
            "Die {O} (nachfolgend \"Lieferant\") liefert die Waren an das Lager des Kunden.",
            "Der Lizenznehmer darf Unterlizenzen an die {O} nur mit vorheriger Zustimmung erteilen.",
            "Rechnungen sind an die {O}, Kreditorenbuchhaltung, zu richten.",
            "Die {O} ist als Unterauftragnehmer für das Hosting tätig.",
            "Für die {O}",
            "Die Prüfung erfolgt durch die {O}, eine unabhängige Wirtschaftsprüfungsgesellschaft.",
            "Die {O} übernimmt die Bürgschaft für die Verpflichtungen des Käufers.",
            "Die Leistungen werden von der {O} aus ihrem Rechenzentrum in Frankfurt erbracht.",
            "Die Zahlung erfolgt an die {O} innerhalb von dreißig Tagen.",
            "Wir haben die {O} als neuen Logistikpartner beauftragt.",
        ],
        "postal_address": [
            "Der Sitz der Gesellschaft ist {A1}.",
            "Mitteilungen sind an folgende Anschrift zu senden:\n{A}",
            "Bitte liefern Sie die Geräte an {A1}.",
            "Die Wohnanschrift des Arbeitnehmers lautet {A1}.",
            "{O}\n{A}",
            "Der Vermieter vermietet dem Mieter die Räume in {A1}.",
            "Postanschrift: {A1}",
            "Bitte senden Sie die Originale per Kurier an {A1}, zu Händen der Rechtsabteilung.",
        ],
        "phone": [
            "Tel.: {PH}",
            "Unser Support ist werktags von 9 bis 17 Uhr unter {PH} erreichbar.",
            "Sie erreichen mich unter {PH} oder per E-Mail an {E}.",
            "Telefon: {PH}\nE-Mail: {E}",
            "Notfallnummer: {PH}",
            "Bitte melden Sie Vorfälle über unsere Hotline {PH}.",
            "Mobil {PH}",
            "Fax: {PH}",
            "Die private Telefonnummer des Arbeitnehmers ist {PH}.",
        ],
        "payment_card": [
            "Bitte belasten Sie die Gebühr der Kreditkarte {C}.",
            "Kartennummer: {C}, gültig bis 09/27.",
            "Die Kaution wurde mit der Karte {C} bezahlt.",
            "Zahlungsmittel: Kreditkarte {C}",
            "Die Erstattung auf die Karte {C} wurde heute veranlasst.",
            "Die Firmenkreditkarte {C} darf nur für Reisekosten verwendet werden.",
        ],
        "ip_address": [
            "Die Anmeldung erfolgte von der IP-Adresse {IP}.",
            "Der Zugriff ist auf die Adresse {IP} beschränkt.",
            "Die Serverprotokolle zeigen Anfragen von {IP} am 12. Mai.",
            "Bitte geben Sie {IP} vor dem Go-live in der Firewall frei.",
            "Das Gerät erhielt vom DHCP-Server des Kunden die IP {IP}.",
            "Verdächtiger Datenverkehr kam von {IP}.",
        ],
    },
    "fr": {
        "person": [
            "Le présent contrat est conclu entre {O} et {P} (ci-après le \"Salarié\").",
            "Le salarié, {P}, est rattaché au directeur financier.",
            "Merci d'envoyer l'exemplaire signé à {P} au service juridique.",
            "Signé par {P}, directeur général, pour le compte de la Société.",
            "Nom : {P}\nFonction : responsable des achats",
            "À l'attention de {P}, directrice juridique",
            "{P} a rejoint la société le 1er mars 2021 en qualité d'ingénieur.",
            "Le Prestataire est représenté par {P} lors des comités de pilotage.",
            "{T} {P_SUR},\nNous vous remercions de votre candidature.",
            "Bonjour {P_GIVEN}, peux-tu relire l'article 7 avant vendredi ?",
            "Comme convenu hier avec {P_GIVEN}, le préavis a été envoyé.",
            "{P_SUR} signera l'avenant pour le compte du Fournisseur.",
            "Nous avons reçu {T} {P} au sujet de la rupture de son contrat.",
            "L'entretien préalable de {P} aura lieu la semaine prochaine.",
            "Témoin : {P}",
            "La Personne Clé désigne {P} ou tout remplaçant agréé par écrit par le Client.",
            "Pour toute question, contactez {P} au {PH}.",
            "La lettre de recommandation de {P} a été rédigée par son ancien responsable, {P2}.",
            "{P} et {P2} représentent la Société au sein du comité mixte.",
            "Cordialement,\n{P_GIVEN}",
            "Salarié : {P}, matricule 48213.",
        ],
        "organisation": [
            "Le présent contrat est conclu entre la société {O} et la société {O2}.",
            "{O} (ci-après le \"Fournisseur\") livre les Produits à l'entrepôt du Client.",
            "Le Licencié ne peut concéder de sous-licence à {O} qu'avec l'accord écrit préalable.",
            "Les factures sont adressées à {O}, service comptabilité fournisseurs.",
            "{O} intervient en qualité de sous-traitant pour l'hébergement.",
            "Pour {O}",
            "L'audit sera réalisé par {O}, cabinet d'expertise comptable indépendant.",
            "{O} se porte caution des obligations de l'Acheteur.",
            "Les services sont fournis par {O} depuis son centre de données de Francfort.",
            "Le paiement est effectué à {O} dans un délai de trente jours.",
            "Nous avons retenu {O} comme nouveau prestataire logistique.",
        ],
        "postal_address": [
            "Le siège social de la Société est situé {A1}.",
            "Les notifications sont adressées à l'adresse suivante :\n{A}",
            "Merci de livrer le matériel au {A1}.",
            "Le salarié est domicilié {A1}.",
            "{O}\n{A}",
            "Le Bailleur donne à bail au Preneur les locaux situés {A1}.",
            "Adresse de correspondance : {A1}",
            "Envoyez les originaux par coursier au {A1}, à l'attention du service juridique.",
        ],
        "phone": [
            "Tél. : {PH}",
            "Notre support est joignable au {PH} du lundi au vendredi.",
            "Vous pouvez me joindre au {PH} ou par courriel à {E}.",
            "Téléphone : {PH}\nCourriel : {E}",
            "Numéro d'urgence : {PH}",
            "Merci de signaler tout incident à notre hotline au {PH}.",
            "Portable {PH}",
            "Fax : {PH}",
            "Le numéro de téléphone personnel du salarié est le {PH}.",
        ],
        "payment_card": [
            "Merci de débiter les frais sur la carte numéro {C}.",
            "Numéro de carte : {C}, expiration 09/27.",
            "Le dépôt de garantie a été payé avec la carte bancaire {C}.",
            "Moyen de paiement : carte {C}",
            "Le remboursement sur la carte {C} a été effectué aujourd'hui.",
            "La carte d'entreprise {C} est réservée aux frais de déplacement.",
        ],
        "ip_address": [
            "La connexion provenait de l'adresse IP {IP}.",
            "L'accès est limité à l'adresse {IP}.",
            "Les journaux du serveur montrent des requêtes de {IP} le 12 mai.",
            "Autorisez {IP} dans le pare-feu avant la mise en production.",
            "L'appareil a reçu l'adresse IP {IP} du serveur DHCP du client.",
            "Un trafic suspect provenait de {IP}.",
        ],
    },
}

# Sentences that hold none of the measured entities. {D} a date, {AM} an amount, {N} a clause number,
# {BAD_C} a card number with one digit changed (fails Luhn), {REF} a reference or register number.
NEGATIVES = {
    "en": [
        "Section {N} Limitation of Liability",
        "ARTICLE {N} CONFIDENTIAL INFORMATION",
        "The Licensee shall indemnify the Licensor against all Losses arising under Section {N}.",
        "The Effective Date is {D} and the Initial Term ends on {D2}.",
        "The Purchase Price of {AM} is payable on or before {D}.",
        "Subject to Clause {N}, the Supplier shall deliver the Deliverables by {D}.",
        "Confidential Information does not include information that is in the public domain.",
        "Intellectual Property Rights means patents, trade marks, Copyright and Database Rights.",
        "The Annual Fee for {D} amounts to {AM}, excluding VAT at 20%.",
        "Schedule 3 (Service Levels) and Annex B (Data Processing Terms) form part of this Agreement.",
        "Purchase order {REF} dated {D} covers {Q} units at {AM} each.",
        "The Board of Directors approved the Business Plan on {D}.",
        "Governing Law and Jurisdiction: this Agreement is governed by the laws of England and Wales.",
        "Force Majeure Event means any circumstance not within a Party's reasonable control.",
        "The card number {BAD_C} was rejected by the payment processor.",
        "Version {V} of the Software was released on {D}.",
        "Total Contract Value: {AM} (Net 30). Invoice {REF}.",
        "The Term shall automatically renew for successive periods of 12 months unless terminated.",
        "Change of Control means the acquisition of more than 50% of the voting rights.",
        "Net Revenue for Q3 {Y} was {AM}, up 4.5% on Q2.",
        "Each Party shall bear its own Costs in connection with the Dispute Resolution Procedure.",
        "Exhibit {N} — Statement of Work No. {Q}",
        "Minimum Purchase Commitment: {Q} Units per Contract Year, starting {D}.",
        "The Service Credits in Table {N} apply where Availability falls below 99.5%.",
    ],
    "de": [
        "§ {Q} Haftungsbeschränkung",
        "Ziffer {N} Vertraulichkeit",
        "Der Lizenznehmer stellt den Lizenzgeber von allen Ansprüchen nach Ziffer {N} frei.",
        "Der Vertrag tritt am {D} in Kraft und endet am {D2}.",
        "Der Kaufpreis in Höhe von {AM} ist bis zum {D} zu zahlen.",
        "Vorbehaltlich § {Q} Abs. 2 liefert der Auftragnehmer die Leistungen bis zum {D}.",
        "Vertrauliche Informationen sind alle Informationen, die als vertraulich gekennzeichnet sind.",
        "Die Geschäftsführung hat den Wirtschaftsplan am {D} beschlossen.",
        "Die Jahresgebühr für {Y} beträgt {AM} zuzüglich Umsatzsteuer in Höhe von 19 %.",
        "Anlage 3 (Leistungsbeschreibung) und Anlage B (Auftragsverarbeitung) sind Vertragsbestandteil.",
        "Bestellung {REF} vom {D} umfasst {Q} Stück zu je {AM}.",
        "Es gilt das Recht der Bundesrepublik Deutschland; Gerichtsstand ist München.",
        "Höhere Gewalt sind Ereignisse, die außerhalb des Einflussbereichs einer Partei liegen.",
        "Die Kartennummer {BAD_C} wurde vom Zahlungsdienstleister abgelehnt.",
        "Version {V} der Software wurde am {D} veröffentlicht.",
        "Gesamtauftragswert: {AM} netto. Rechnung {REF}.",
        "Der Vertrag verlängert sich automatisch um jeweils zwölf Monate, wenn er nicht gekündigt wird.",
        "Der Arbeitgeber zahlt dem Arbeitnehmer ein Bruttomonatsgehalt von {AM}.",
        "Die Probezeit beträgt sechs Monate; die Kündigungsfrist beträgt vier Wochen zum {D}.",
        "Die Gesellschaft ist im Handelsregister des Amtsgerichts München eingetragen.",
        "Der Umsatz im dritten Quartal {Y} betrug {AM}, ein Plus von 4,5 %.",
        "Anlage {N} – Leistungsschein Nr. {Q}",
        "Die Mindestabnahmemenge beträgt {Q} Einheiten je Vertragsjahr ab dem {D}.",
        "Die Gutschriften nach Tabelle {N} gelten bei einer Verfügbarkeit unter 99,5 %.",
    ],
    "fr": [
        "Article {N} Limitation de responsabilité",
        "ARTICLE {N} – INFORMATIONS CONFIDENTIELLES",
        "Le Licencié garantit le Concédant contre toute réclamation au titre de l'article {N}.",
        "Le Contrat entre en vigueur le {D} et prend fin le {D2}.",
        "Le Prix d'Achat de {AM} est payable au plus tard le {D}.",
        "Sous réserve de l'article {N}, le Prestataire livre les Livrables avant le {D}.",
        "Les Informations Confidentielles excluent les informations tombées dans le domaine public.",
        "Le Conseil d'Administration a approuvé le Plan d'Affaires le {D}.",
        "La Redevance Annuelle pour {Y} s'élève à {AM} hors TVA au taux de 20 %.",
        "L'Annexe 3 (Niveaux de Service) et l'Annexe B (Sous-traitance des données) font partie du Contrat.",
        "Le bon de commande {REF} du {D} porte sur {Q} unités à {AM} chacune.",
        "Le présent Contrat est soumis au droit français ; compétence exclusive du Tribunal de commerce de Paris.",
        "La Force Majeure s'entend de tout événement échappant au contrôle raisonnable d'une Partie.",
        "Le numéro de carte {BAD_C} a été refusé par le prestataire de paiement.",
        "La version {V} du Logiciel a été publiée le {D}.",
        "Montant total du marché : {AM} HT. Facture {REF}.",
        "Le Contrat est renouvelé tacitement par périodes successives de douze mois.",
        "L'Employeur verse au Salarié une rémunération brute mensuelle de {AM}.",
        "La période d'essai est de quatre mois ; le préavis est d'un mois à compter du {D}.",
        "Conformément à l'article L. 1234-5 du Code du travail, l'indemnité est due.",
        "Le chiffre d'affaires du troisième trimestre {Y} s'élève à {AM}, en hausse de 4,5 %.",
        "Annexe {N} – Bon de commande n° {Q}",
        "L'engagement minimal d'achat est de {Q} unités par année contractuelle à compter du {D}.",
        "Les pénalités du tableau {N} s'appliquent si la disponibilité est inférieure à 99,5 %.",
    ],
}


class Builder:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.fakers = {}
        # The EU addresses draw from a generator of their own, so that adding them left every other
        # sentence of the set as it was.
        self.eu_rng = random.Random(seed + 1)
        self.eu_fakers = {}

    def faker(self, locale):
        if locale not in self.fakers:
            fake = Faker(locale)
            fake.seed_instance(self.rng.randrange(1 << 30))
            self.fakers[locale] = fake
        return self.fakers[locale]

    def name_locale(self, lang):
        # Two names in five are of other EU residents.
        return self.rng.choice(EU_NAME_LOCALES) if self.rng.random() < 0.4 else self.rng.choice(LOCALES[lang])

    def person(self, lang):
        fake = self.faker(self.name_locale(lang))
        first, last = fake.first_name(), fake.last_name()
        roll = self.rng.random()
        if roll < 0.12:
            middle = self.faker(self.name_locale(lang)).first_name()[0]
            return f"{first} {middle}. {last}"
        if roll < 0.2:
            return f"{first[0]}. {last}"
        if roll < 0.28:
            return f"{first} {self.faker(self.name_locale(lang)).first_name()} {last}"
        if roll < 0.33:
            return f"{first} {last}".upper()
        return f"{first} {last}"

    def organisation(self, lang):
        roll = self.rng.random()
        locale = self.rng.choice(COMPANY_LOCALES[lang]) if roll < 0.8 else self.rng.choice(OTHER_COMPANY_LOCALES)
        return self.faker(locale).company()

    def address(self, lang, one_line):
        locale = self.rng.choice(ADDRESS_LOCALES[lang])
        fake = self.faker(locale)
        roll = self.rng.random()
        if self.eu_rng.random() < 0.25:
            eu_locale = self.eu_rng.choice(EU_ADDRESS_LOCALES)
            if eu_locale not in self.eu_fakers:
                self.eu_fakers[eu_locale] = Faker(eu_locale)
                self.eu_fakers[eu_locale].seed_instance(self.eu_rng.randrange(1 << 30))
            text = self.eu_fakers[eu_locale].address()
        elif locale == "en_US" and roll < 0.15:
            text = fake.military_ship() + " " + fake.last_name() + "\nFPO " + fake.military_state() + " " + fake.postalcode()
            text = self.rng.choice([text, fake.military_apo() + "\nAPO " + fake.military_state() + " " + fake.postalcode()])
        elif roll < 0.25:
            box = self.rng.randint(10, 99999)
            city_line = {
                "en": f"{fake.city()}, {fake.postcode()}" if locale != "en_US" else f"{fake.city()}, {fake.state_abbr()} {fake.postcode()}",
                "de": f"{fake.postcode()} {fake.city()}",
                "fr": f"{fake.postcode()} {fake.city()}",
            }[lang]
            opener = {"en": self.rng.choice(["P.O. Box", "PO Box", "Post Office Box"]),
                      "de": "Postfach", "fr": self.rng.choice(["BP", "CS", "Boîte postale"])}[lang]
            text = f"{opener} {box}\n{city_line}"
        else:
            text = fake.address()
        if one_line:
            text = ", ".join(part.strip() for part in text.split("\n"))
        return text

    def phone(self, lang):
        roll = self.rng.random()
        if roll < 0.15:
            number = self.faker(self.rng.choice(OTHER_PHONE_LOCALES)).phone_number()
        else:
            number = self.faker(self.rng.choice(PHONE_LOCALES[lang])).phone_number()
        if self.rng.random() < 0.08 and "x" not in number:
            number += self.rng.choice({"en": [" ext. ", " x"], "de": ["-"], "fr": [" poste "]}[lang]) + str(self.rng.randint(10, 999))
        return number

    def card(self):
        fake = self.faker("en_US")
        kind = self.rng.choice(CARD_TYPES)
        number = fake.credit_card_number(card_type=kind)
        return group(number, self.rng)

    def bad_card(self):
        digits = list(self.faker("en_US").credit_card_number(card_type=self.rng.choice(["visa16", "mastercard", "amex"])))
        position = self.rng.randrange(len(digits) - 1)
        digits[position] = str((int(digits[position]) + self.rng.randint(1, 9)) % 10)
        number = "".join(digits)
        if luhn_valid(number):  # the changed digit can land on another valid number only by chance: change it back
            return self.bad_card()
        return group(number, self.rng)

    def ip(self):
        fake = self.faker("en_US")
        roll = self.rng.random()
        return fake.ipv6() if roll < 0.3 else fake.ipv4_private() if roll < 0.55 else fake.ipv4_public()

    def email(self, lang):
        return self.faker(self.rng.choice(LOCALES[lang])).email()

    def date(self, lang):
        fake = self.faker(LOCALES[lang][0])
        day = fake.date_between(start_date="-10y", end_date="+5y")
        styles = {
            "en": [day.strftime("%d %B %Y"), day.strftime("%B %d, %Y"), day.isoformat(), day.strftime("%m/%d/%Y")],
            "de": [day.strftime("%d.%m.%Y"), day.isoformat(), f"{day.day}. {GERMAN_MONTHS[day.month - 1]} {day.year}"],
            "fr": [day.strftime("%d/%m/%Y"), f"{day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}", day.isoformat()],
        }[lang]
        return self.rng.choice(styles)

    def amount(self, lang):
        value = self.rng.choice([self.rng.randint(100, 999), self.rng.randint(1000, 99999), self.rng.randint(100000, 99999999)])
        cents = self.rng.randint(0, 99)
        if lang == "en":
            return self.rng.choice([f"${value:,}.{cents:02d}", f"EUR {value:,}", f"£{value:,}", f"USD {value:,}.{cents:02d}"])
        grouped = f"{value:,}".replace(",", "." if lang == "de" else "\u202f" if self.rng.random() < 0.5 else " ")
        return self.rng.choice([f"{grouped},{cents:02d} €", f"EUR {grouped},{cents:02d}", f"{grouped} €"])

    def clause_number(self):
        depth = self.rng.choice([1, 2, 3, 4])
        return ".".join(str(self.rng.randint(1, 24)) for _ in range(depth))

    def reference(self):
        return self.rng.choice([
            f"PO-{self.rng.randint(2015, 2030)}-{self.rng.randint(10000, 99999)}",
            f"INV {self.rng.randint(100000, 9999999)}",
            f"{self.rng.randint(2015, 2030)}/{self.rng.randint(1000, 99999)}",
            f"HRB {self.rng.randint(1000, 299999)}",
            f"Nr. {self.rng.randint(10, 99)}-{self.rng.randint(1000, 9999)}-{self.rng.randint(10, 99)}",
        ])


GERMAN_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                 "November", "Dezember"]
FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre"]


def luhn_valid(number):
    total = 0
    for index, digit in enumerate(reversed(number)):
        value = int(digit)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def group(number, rng):
    style = rng.random()
    if style < 0.4:
        return number
    if len(number) == 15:
        return f"{number[:4]} {number[4:10]} {number[10:]}"
    if len(number) == 14:
        return f"{number[:4]} {number[4:10]} {number[10:]}"
    separator = " " if style < 0.85 else "-"
    return separator.join(number[i:i + 4] for i in range(0, len(number), 4))


SLOT = re.compile(r"\{([A-Z_0-9]+)\}")


def fill(template, lang, builder):
    """The template with its slots filled, and the labelled entities (character offsets)."""
    out, entities, position = [], [], 0
    given_surname = None
    for match in SLOT.finditer(template):
        out.append(template[position:match.start()])
        slot = match.group(1)
        label = None
        if slot in ("P", "P2"):
            value, label = builder.person(lang), "person"
        elif slot in ("P_GIVEN", "P_SUR"):
            fake = builder.faker(builder.name_locale(lang))
            if given_surname is None:
                given_surname = (fake.first_name(), fake.last_name())
            value, label = given_surname[0 if slot == "P_GIVEN" else 1], "person"
        elif slot == "T":
            value = builder.rng.choice(TITLES[lang])
        elif slot == "R":
            value = builder.rng.choice(["", "r"])  # "Sehr geehrte Frau" / "Sehr geehrter Herr" (approximately)
        elif slot in ("O", "O2"):
            value, label = builder.organisation(lang), "organisation"
        elif slot == "A":
            value, label = builder.address(lang, one_line=False), "postal_address"
        elif slot == "A1":
            value, label = builder.address(lang, one_line=True), "postal_address"
        elif slot == "PH":
            value, label = builder.phone(lang), "phone"
        elif slot == "C":
            value, label = builder.card(), "payment_card"
        elif slot == "IP":
            value, label = builder.ip(), "ip_address"
        elif slot == "E":
            value, label = builder.email(lang), "email"
        elif slot in ("D", "D2"):
            value = builder.date(lang)
        elif slot == "AM":
            value = builder.amount(lang)
        elif slot == "N":
            value = builder.clause_number()
        elif slot == "BAD_C":
            value = builder.bad_card()
        elif slot == "REF":
            value = builder.reference()
        elif slot == "Q":
            value = str(builder.rng.choice([builder.rng.randint(2, 40), builder.rng.randint(100, 250000)]))
        elif slot == "Y":
            value = str(builder.rng.randint(2015, 2030))
        elif slot == "V":
            value = ".".join(str(builder.rng.randint(0, 20)) for _ in range(builder.rng.choice([2, 3, 4])))
        else:
            raise ValueError(f"unknown slot {slot} in {template!r}")
        start = sum(len(part) for part in out)
        out.append(value)
        if label:
            entities.append((label, start, start + len(value)))
        position = match.end()
    out.append(template[position:])
    return "".join(out), entities


def byte_offsets(text, entities):
    result = []
    for label, start, end in entities:
        byte_start = len(text[:start].encode())
        result.append({"type": label, "start": byte_start, "end": byte_start + len(text[start:end].encode())})
    return result


def cuad_lines(data, limit_per_contract=3):
    """(contract, line, [party spans]) for the party names marked in CUAD's training contracts."""
    labels = data / "cuad-train" / "labels.csv"
    if not labels.exists():
        return []
    csv.field_size_limit(1 << 30)
    result = []
    with open(labels, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            path = data / "cuad-train" / "texts" / (Path(row["Filename"]).stem + ".txt")
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            try:
                parties = ast.literal_eval(row["Parties"])  # a Python-style list of strings; data, never code
            except (ValueError, SyntaxError):
                continue
            # Names, not roles: two words or more, or one word in capitals that is not a defined role.
            names = [p.strip() for p in parties if isinstance(p, str) and len(p.split()) >= 2 and len(p) <= 90]
            taken = 0
            for name in sorted(set(names), key=len, reverse=True):
                at = text.find(name)
                if at < 0 or taken >= limit_per_contract:
                    continue
                line_start = text.rfind("\n", 0, at) + 1
                line_end = text.find("\n", at + len(name))
                line_end = len(text) if line_end < 0 else line_end
                line_start = max(line_start, at - 300)
                line_end = min(line_end, at + len(name) + 300)
                line = text[line_start:line_end]
                result.append((path.stem, line, [("party", at - line_start, at - line_start + len(name))]))
                taken += 1
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", required=True)
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[3] / "shared" / "data"))
    parser.add_argument("--per-template", type=int, default=12)
    args = parser.parse_args()
    builder = Builder(SEED)
    rows = []
    for lang, kinds in TEMPLATES.items():
        for kind, templates in kinds.items():
            for number, template in enumerate(templates):
                for repeat in range(args.per_template):
                    text, entities = fill(template, lang, builder)
                    rows.append({"id": f"{lang}-{kind}-{number}-{repeat}", "lang": lang, "source": "synthetic",
                                 "text": text, "entities": byte_offsets(text, entities)})
        for number, template in enumerate(NEGATIVES[lang]):
            for repeat in range(args.per_template // 2):
                text, entities = fill(template, lang, builder)
                assert not entities
                rows.append({"id": f"{lang}-negative-{number}-{repeat}", "lang": lang, "source": "negative",
                             "text": text, "entities": []})
    for contract, line, spans in cuad_lines(Path(args.data)):
        rows.append({"id": f"cuad-{contract[:40]}-{len(rows)}", "lang": "en", "source": "cuad", "text": line,
                     "entities": byte_offsets(line, spans)})
    with open(args.output, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts = {}
    for row in rows:
        counts[row["source"]] = counts.get(row["source"], 0) + 1
    print(f"{len(rows)} sentences ({', '.join(f'{v} {k}' for k, v in sorted(counts.items()))}) -> {args.output}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
