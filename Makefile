# The two commands a new user needs: `make run` and `make test`. Both install what is missing first.
SWIFT ?= swift
# Tesseract reads this at process start; the docket binary sets it for itself, the test runner needs it here.
export OMP_THREAD_LIMIT := 1

.PHONY: setup build run test lint bench bench-scale eval-detectors eval-detectors-heldout eval-clauses eval-clauses-oof train-clauses gazetteer samples clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release

# The sample pipeline: the page texts of every sample and an ingest summary in Output/samples;
# then every sample through ingest, chunking, classification, routing and
# inference with the embedded engine (Pipelines/sample-review.yaml), results in
# Output/sample-review/<run-id>/ (each report opens with the contract summary); two contracts' clause
# categories and answers on the terminal; then how the contract-review and hr-files pipelines, with their
# GPU and cloud endpoints, would route two of them (a plan only: nothing is sent there); then the
# audit trail's check and the cost report.
run: build
	.build/release/docket ingest Samples/documents --password-file Samples/passwords.tsv --output Output/samples
	.build/release/docket validate Pipelines/*.yaml
	.build/release/docket run Pipelines/sample-review.yaml
	.build/release/docket clauses Samples/documents/it-services-agreement.pdf Samples/documents/contrat-de-prestation.pdf
	.build/release/docket route --pipeline Pipelines/contract-review.yaml Samples/documents/mutual-nda.pdf
	.build/release/docket route --pipeline Pipelines/hr-files.yaml Samples/documents/arbeitsvertrag.pdf
	.build/release/docket audit verify --store Output/sample-review/docket.sqlite
	.build/release/docket cost --store Output/sample-review/docket.sqlite

# Formatting as .swift-format says (4 spaces, 120 columns): `swift format --in-place -r Sources Tests` fixes most.
lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

# The tests run with a throwaway PostgreSQL cluster on loopback, stopped afterwards.
test: setup lint
	$(SWIFT) build
	scripts/test-postgres.sh run $(SWIFT) test
	scripts/bench-scale.sh --smoke

bench: build
	scripts/bench.sh

# Docket on a synthetic data room against an instant endpoint: memory, throughput, store size, time after the
# last unit and each workspace page (docs/benchmarks.md, "A data room"). BASELINE=path/to/docket adds another build.
bench-scale: build
	scripts/bench-scale.sh $(if $(BASELINE),--baseline $(BASELINE))

# The personal-data detectors on a labelled development set (docs/decisions.md, "Personal data in free text").
eval-detectors: build
	scripts/detectors/eval.sh

# The same detectors on Presidio's synthetic PII sentences, the held-out check (about 1 GB of Python packages).
eval-detectors-heldout: build
	scripts/detectors/eval.sh --heldout

# The clause model on CUAD's 14 test contracts, against searching for each category's name and the plain TF-IDF
# baseline trained on the same contracts (docs/decisions.md, "Clauses").
eval-clauses: build
	scripts/clauses/clauses.sh --eval

# Candidate clause models beside the baseline, out of fold on the 463 training contracts (about 40 minutes), then
# the presence rules on the shipped model's scores (5 more).
eval-clauses-oof:
	scripts/clauses/clauses.sh --oof

# Trains the clause model from ../shared/data/cuad-train (Sources/DocketDecide/Resources/clause-model.bin, committed).
train-clauses:
	scripts/clauses/clauses.sh

# Regenerates the name gazetteer (Sources/DocketDecide/Classify/NameGazetteer+Lists.swift, committed).
gazetteer:
	scripts/detectors/eval.sh --gazetteer-only

# Regenerates Samples/ (the results are committed; see scripts/make-samples.sh).
samples: setup
	scripts/make-samples.sh

clean:
	rm -rf .build Output/samples
