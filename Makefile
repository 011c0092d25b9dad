# Inflow: build, set up, run the sample workspace, test, benchmark.
# `make sample` and `make test` are the two commands the README starts with.

SWIFT ?= swift
CONFIG ?= release
INFLOW = .build/$(CONFIG)/inflow
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages the build, the tests and the sample run need.
PACKAGES = pkg-config libzstd-dev libsqlite3-dev libssl-dev libarchive-dev libmicrohttpd-dev \
           zstd jq publicsuffix tzdata python3-pip

.PHONY: setup packages data build sample test bench bench-memory fuzz clean

## setup: install missing Debian packages and fetch the lexicon and free-mail data
setup: packages data

packages:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

data:
	@scripts/fetch-lexicon.sh
	@scripts/fetch-free-email.sh

## build: compile the inflow binary
build:
	$(SWIFT) build -c $(CONFIG)

## sample: set up, build and run a sync of the bundled sample workspace
sample: setup build
	$(INFLOW) run --workspace example.com

## test: set up and run every test suite
test: setup
	$(SWIFT) test

## bench: run Inflow and the Python peers on one generated mailbox (SIZE=20M|200M|1G)
SIZE ?= 200M
bench: setup build
	@command -v perf >/dev/null || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf
	python3 scripts/bench.py --size $(SIZE)

## bench-memory: Inflow's peak RSS on a 20 MB and a 1 GB mailbox
bench-memory: setup build
	python3 scripts/bench.py --memory

## fuzz: run every parser's libFuzzer harness for FUZZ_SECONDS each (not part of CI)
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = email calendar contact rows mbox
fuzz:
	@for target in $(FUZZ_TARGETS); do scripts/fuzz.sh $$target $(FUZZ_SECONDS) || exit 1; done

clean:
	rm -rf .build .bench reports data/example.com
