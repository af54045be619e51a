# The two commands a new user needs: `make run` and `make test`. Both install what is missing first.
SWIFT ?= swift
# Tesseract reads this at process start; the docket binary sets it for itself, the test runner needs it here.
export OMP_THREAD_LIMIT := 1

.PHONY: setup build run test bench samples clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release

# The sample pipeline: for now it ingests Samples/documents into Output/samples.
run: build
	.build/release/docket ingest Samples/documents --password-file Samples/passwords.tsv --output Output/samples

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
