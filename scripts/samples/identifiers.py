"""Identifiers with valid check digits, computed rather than copied, for the sample contracts."""

# IBAN lengths per country (ISO 13616) for the countries the samples use.
IBAN_LENGTHS = {"DE": 22, "FR": 27, "GB": 22, "NL": 18}


def iban(country, *parts):
    """IBAN with the mod-97 check digits for `country` and the BBAN made of `parts`."""
    bban = "".join(parts)
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(digits) % 97
    value = f"{country}{check:02d}{bban}"
    assert len(value) == IBAN_LENGTHS[country], (value, len(value))
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))


def steuer_id(first10):
    """German tax id (Steuer-ID): 10 digits and the ISO 7064 MOD 11,10 check digit."""
    product = 10
    for ch in first10:
        total = (int(ch) + product) % 10 or 10
        product = (total * 2) % 11
    check = (11 - product) % 10
    value = first10 + str(check)
    return f"{value[0:2]} {value[2:5]} {value[5:8]} {value[8:11]}"


def siren(first8):
    """French SIREN: 8 digits and a Luhn check digit."""
    for check in range(10):
        candidate = first8 + str(check)
        if luhn_valid(candidate):
            return f"{candidate[0:3]} {candidate[3:6]} {candidate[6:9]}"
    raise ValueError(first8)


def luhn_valid(number):
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0
