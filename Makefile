# The two commands a new user needs: `make run` and `make test`. Both install what is missing first.
SWIFT ?= swift
# Tesseract reads this at process start; the docket binary sets it for itself, the test runner needs it here.
export OMP_THREAD_LIMIT := 1

.PHONY: setup build run test bench samples clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release

# The sample pipeline: ingest Samples/documents into Output/samples, then show how the
# contract-review pipeline chunks, classifies and routes them (nothing is sent yet).
run: build
	.build/release/docket ingest Samples/documents --password-file Samples/passwords.tsv --output Output/samples
	.build/release/docket validate Pipelines/*.yaml
	mkdir -p Output/contract-review
	.build/release/docket route --pipeline Pipelines/contract-review.yaml --format json Samples/documents/*.* > Output/contract-review/routes.jsonl
	.build/release/docket route --pipeline Pipelines/contract-review.yaml Samples/documents/mutual-nda.pdf
	.build/release/docket route --pipeline Pipelines/hr-files.yaml Samples/documents/arbeitsvertrag.pdf
	@echo "route plans for every sample: Output/contract-review/routes.jsonl"

test: setup
	$(SWIFT) build
	$(SWIFT) test

bench: build
	scripts/bench.sh

# Regenerates Samples/ (the results are committed; see scripts/make-samples.sh).
samples: setup
	scripts/make-samples.sh

clean:
	rm -rf .build Output/samples
