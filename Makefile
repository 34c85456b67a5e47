# The two commands of the quick start. Both install what is missing (libedit-dev) first.
#   make run    build and open the REPL on the embedded demo dataset
#   make test   run every test
SWIFT ?= swift

.PHONY: run test deps build release bench fuzz fuzz-loader docs

run: deps
	@$(SWIFT) build -c release --product pilotage
	@.build/release/pilotage $(ARGS)

test: deps
	$(SWIFT) test --parallel

# Robustness: a million random lines through the REPL session and its completion (release build).
fuzz: deps
	@$(SWIFT) build -c release --product pilotage
	@.build/release/pilotage fuzz --count $${COUNT:-1000000}

# Robustness of the loader: a million mutated datasets (seed corpus Playground/fuzz/loader) through
# the CSV reader, the loader and the validator (release build; COUNT and SEED to change).
fuzz-loader: deps
	@$(SWIFT) build -c release --product pilotage
	@.build/release/pilotage fuzz-loader --count $${COUNT:-1000000} --seed $${SEED:-1}

# The DocC catalogue of the SDK (Sources/Pilotage/Pilotage.docc), warnings as errors.
docs:
	$(SWIFT) package --disable-sandbox generate-documentation --target Pilotage --warnings-as-errors

build: deps
	$(SWIFT) build

# libedit-dev provides the headers and pkg-config file of the REPL's line editor; libxlsxwriter-dev
# writes the spreadsheets (.xlsx).
deps:
	@if ! pkg-config --exists libedit xlsxwriter 2>/dev/null; then \
	  echo "libedit-dev or libxlsxwriter-dev is missing: installing them (apt-get)…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "error: libedit-dev or libxlsxwriter-dev is missing and neither root nor sudo is available: run 'apt-get install libedit-dev libxlsxwriter-dev' as root, then retry." >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libedit-dev libxlsxwriter-dev pkg-config >/dev/null \
	    || { echo "error: could not install libedit-dev and libxlsxwriter-dev with apt-get." >&2; exit 1; }; \
	fi
