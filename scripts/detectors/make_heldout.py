#!/usr/bin/env python3
"""Writes the held-out check for the detectors: Presidio's synthetic PII sentences.

Presidio's own generator (presidio-evaluator 0.3.2 from PyPI, MIT licence, Microsoft) fills its
own templates (bank and support requests, not contracts) with its own values: names, addresses and
phone numbers of FakeNameGenerator.com records, organisations from stock-exchange listings. Neither
the templates nor the values were seen while the detectors were written, which were written on the
development set (make_devset.py); so these figures are the ones to expect on text nobody tuned for.
Run by `scripts/detectors/eval.sh --heldout` (`make eval-detectors-heldout`) in a throw-away virtual
environment; nothing of it is committed.

Presidio's types are mapped to Docket's; the types Docket does not report (places, dates, titles,
ages, nationalities, US driver licences, domain names) are left unlabelled, so a person or an
organisation reported on them counts as a false alarm. Offsets are converted from characters to
UTF-8 bytes, as `docket eval-detectors` reads them.
"""

import argparse
import json
import random
import sys

import numpy

from presidio_evaluator.data_generator import PresidioSentenceFaker

TYPES = {
    "PERSON": "person",
    "ORGANIZATION": "organisation",
    "STREET_ADDRESS": "postal_address",
    "PHONE_NUMBER": "phone",
    "CREDIT_CARD": "payment_card",
    "IP_ADDRESS": "ip_address",
    "EMAIL_ADDRESS": "email",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", required=True)
    parser.add_argument("--sentences", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    # Presidio's documented settings: 5% of names in lower case, as people type them. Its own seed
    # does not reach every random choice it makes, so both generators are seeded here too.
    random.seed(args.seed)
    numpy.random.seed(args.seed)
    faker = PresidioSentenceFaker("en_US", lower_case_ratio=0.05, random_seed=args.seed)
    samples = faker.generate_new_fake_sentences(num_samples=args.sentences)
    counts = {}
    with open(args.output, "w", encoding="utf-8") as handle:
        for number, sample in enumerate(samples):
            text = sample.full_text
            entities = []
            for span in sample.spans:
                label = TYPES.get(span.entity_type)
                if label is None:
                    continue
                start = len(text[: span.start_position].encode())
                end = start + len(text[span.start_position : span.end_position].encode())
                entities.append({"type": label, "start": start, "end": end})
                counts[label] = counts.get(label, 0) + 1
            row = {"id": f"presidio-{number}", "lang": "en", "source": "presidio", "text": text, "entities": entities}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    summary = ", ".join(f"{count} {label}" for label, count in sorted(counts.items()))
    print(f"{len(samples)} sentences ({summary}) -> {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
