# The front door of the course. It only says what depends on what; the work is done by coursekit.
#   make            build the whole course into build/site/ (sets up what is missing first)
#   make test       run the test suite (builds first)
#   make help       list the targets
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SECONDEXPANSION:
.DEFAULT_GOAL := all
NPROC := $(shell nproc 2>/dev/null || echo 2)
MAKEFLAGS += --no-builtin-rules --jobs=$(NPROC)

S ?=#              one section, e.g. S=04
QUALITY ?= preview#  animation quality: preview (480p15) or high (1080p60, for recording)
PYTHON ?= python3
PYTEST_ARGS ?=
DEMO_TIMEOUT ?= 120#  seconds a demo may run before it is killed and named

# Progress lines appear as they happen, also when make's output goes to a pipe or a CI log.
export PYTHONUNBUFFERED := 1

VENV := .venv
PY := $(VENV)/bin/python
CK := $(PY) -m coursekit
SITE := build/site
APT_PACKAGES := libcairo2-dev libpango1.0-dev pkg-config chromium espeak-ng melt fonts-dejavu-core
# LaTeX, only for Manim scenes that use MathTex/Tex (the course's own scenes do not): make setup LATEX=1
LATEX ?=
APT_PACKAGES += $(if $(LATEX),texlive texlive-latex-extra dvisvgm)
SETUP := $(VENV)/.installed node_modules/.installed

SECTIONS := $(sort $(patsubst scripts/%.md,%,$(wildcard scripts/[0-9][0-9]_*.md)))
ifneq ($(S),)
SECTIONS := $(filter $(S)%,$(SECTIONS))
endif
DECKS := $(patsubst %,$(SITE)/decks/%.html,$(filter $(patsubst slides/%.py,%,$(wildcard slides/*.py)),$(SECTIONS)))
ANIMATIONS := $(patsubst %,$(SITE)/animations/%.json,$(filter $(patsubst animations/%.py,%,$(wildcard animations/*.py)),$(SECTIONS)))
ZIPS := $(patsubst %,$(SITE)/downloads/%.zip,$(filter $(notdir $(wildcard demos/*)),$(SECTIONS))) $(SITE)/downloads/all_demos.zip
TIMINGS := $(patsubst %,build/timings/%.json,$(filter $(notdir $(wildcard demos/*)),$(SECTIONS)))
DRAFTS := $(patsubst %,$(SITE)/drafts/%.mp4,$(SECTIONS))
HANDOUTS := $(patsubst $(SITE)/decks/%.html,$(SITE)/handouts/%.pdf,$(DECKS))
ASSETS := $(SITE)/assets/.complete
# coursekit's own code, by stage (its imports run one way, course -> build -> video -> site: tests/test_layout.py),
# so that an artifact is remade when the code of its stage or of a stage before it changed, and not otherwise.
COURSE_CODE := coursekit/__init__.py coursekit/__main__.py coursekit/cli.py $(wildcard coursekit/course/*.py)
BUILD_CODE := $(COURSE_CODE) $(wildcard coursekit/build/*.py coursekit/build/templates/*/*)
VIDEO_CODE := $(BUILD_CODE) $(wildcard coursekit/video/*.py coursekit/video/templates/*/*)
SITE_CODE := $(VIDEO_CODE) $(wildcard coursekit/site/*.py coursekit/site/templates/*/*)

.PHONY: all site slides handouts animations downloads demos drafts captions video preview record status bench check test test-fast test-stress setup help clean distclean FORCE

all: site ## Build the whole course into build/site/ (default)

site: $(SITE)/index.html ## Course home, script pages and everything they link

slides: $(DECKS) ## The reveal.js decks (S=NN for one)

handouts: $(HANDOUTS) ## Print every deck to PDF, with and without speaker notes

animations: $(ANIMATIONS) ## Render the Manim scenes (S=NN, QUALITY=preview|high)

downloads: $(ZIPS) ## The viewers' zips of demo code

demos: $(TIMINGS) ## Run every demo cell by cell (the build's proof they work) and time each cell

drafts: $(DRAFTS) ## Narrated draft video of each section, with captions and timeline (S=NN, QUALITY=...)

captions: | $(SETUP) ## Captions, chapters and a report from a recorded take: make captions S=NN TAKE=path
	@test -n "$(S)" -a -n "$(TAKE)" || { echo "make captions needs a section and a take: make captions S=06 TAKE=~/take.mp4"; exit 2; }
	$(CK) align $(S) "$(TAKE)"
	$(MAKE) --no-print-directory site

video: | $(SETUP) ## The finished video from a recorded take, cut by the script: make video S=NN TAKE=path [PICKUP=path ...]
	@test -n "$(S)" -a -n "$(TAKE)" || { echo "make video needs a section and a take: make video S=06 TAKE=~/take.mp4"; exit 2; }
	$(MAKE) --no-print-directory all
	$(CK) cut $(S) "$(TAKE)" $(if $(KEEP_UNSCRIPTED),--keep-unscripted) $(if $(MAX_PAUSE),--max-pause $(MAX_PAUSE)) \
	    $(if $(VISUALS),--visuals $(VISUALS)) $(foreach p,$(PICKUP),--pickup "$(p)")
	$(MAKE) --no-print-directory site

preview: | $(SETUP) ## Serve build/site/ on 127.0.0.1, rebuild on every save and reload the open pages (S=NN opens its deck)
	$(CK) preview $(S) $(if $(PORT),--port $(PORT)) $(if $(NO_OPEN),--no-open)

record: site ## Print the teleprompter, deck and animations of S=NN for recording (OPEN=1 opens them)
	@test -n "$(S)" || { echo "make record needs a section: make record S=04"; exit 2; }
	$(CK) record $(S) $(if $(OPEN),--open) $(if $(PICKUPS),--pickups)

status: | $(SETUP) ## Which recorded videos are fresh or stale, and what changed since
	$(CK) status $(S)

check: | $(SETUP) ## Check scripts, cues, demos, slides and scenes (no build)
	$(CK) check $(S)

test: all ## Run the test suite on the built course (one pytest worker per core)
	$(PY) -m pytest -n $(NPROC) $(PYTEST_ARGS)

test-stress: all ## The whole suite 3 times on a busy machine: 4 workers beside a CPU burner per core (RUNS=, WORKERS=)
	RUNS=$(or $(RUNS),3) WORKERS=$(or $(WORKERS),4) PYTHON=$(PY) bash tools/stress-test.sh $(PYTEST_ARGS)

test-fast: | $(SETUP) ## Unit tests only: no browser, no rendering, no builds
	$(PY) -m pytest -n $(NPROC) -m "not slow and not browser" $(PYTEST_ARGS)

bench: all ## Time builds against plain nbconvert and manim, alignment and the cut; writes bench/RESULTS.md (ONLY=align|cut|pickup|edits|tests)
	$(CK) bench $(if $(ONLY),--only $(ONLY))

setup: $(SETUP) ## Install system packages, .venv and node_modules if missing

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 22
	@echo "  variables: S=NN (one section), QUALITY=preview|high, TAKE=path (make captions, make video), KEEP_UNSCRIPTED=1 MAX_PAUSE=s VISUALS=cues|cues+slides PICKUP='p1 p2' (make video), PICKUPS=1 (make record), PORT=N NO_OPEN=1 (make preview), LATEX=1 (make setup), PYTEST_ARGS=..."

clean: ## Remove build/ (keeps .venv and node_modules)
	rm -rf build

distclean: clean ## Also remove .venv and node_modules
	rm -rf $(VENV) node_modules

# --- setup, once, behind stamp files ----------------------------------------------------------------
# The package list is an input: adding a package to APT_PACKAGES installs it on the next make.
$(VENV)/.packages: FORCE
	@mkdir -p $(VENV); echo "$(APT_PACKAGES)" | cmp -s - $@ || echo "$(APT_PACKAGES)" > $@

$(VENV)/.system: tools/setup-system.sh $(VENV)/.packages
	bash tools/setup-system.sh $(APT_PACKAGES)
	mkdir -p $(VENV) && touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.system
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# --- the course ---------------------------------------------------------------------------------------
# The quality is an input of every animation; this file changes only when QUALITY does.
build/quality: FORCE
	@mkdir -p build; echo "$(QUALITY)" | cmp -s - $@ || echo "$(QUALITY)" > $@

$(ASSETS): package-lock.json coursekit/build/assets.py $(wildcard coursekit/build/templates/course/*.css coursekit/site/templates/site/*.css coursekit/site/templates/site/prompter.js) | $(SETUP)
	$(CK) assets

$(SITE)/animations/%.json: animations/%.py $(wildcard animations/style.py) build/quality $(BUILD_CODE) | $(SETUP)
	$(CK) render $< --quality $(QUALITY)

# A deck also depends on the demo cells it includes, its script's narration and its animations:
# coursekit writes those into build/deps/NN_slug.d, included below (as gcc -MD does for headers).
# Its code sub-slides show what each cued cell printed in the demos' run.
$(SITE)/decks/%.html: slides/%.py $$(if $$(wildcard animations/$$*.py),$(SITE)/animations/$$*.json) $(BUILD_CODE) \
                      $$(if $$(wildcard demos/$$*),build/timings/$$*.json) | $(ASSETS) $(SETUP)
	$(CK) deck $< --depfile build/deps/$*.d

# Running every demo cell by cell is part of the build: a demo that fails stops it at its line. Only the
# demos that changed run ($?), unless coursekit itself changed; the section's other timings are kept.
# One torch thread a demo: make already runs one recipe per core.
build/timings/%.json: $$(wildcard demos/$$*/*.py) $(BUILD_CODE) | $(SETUP)
	$(CK) demos $* $(if $(filter-out demos/%,$?),,$(filter demos/%,$?)) --timeout $(DEMO_TIMEOUT) --threads 1

$(SITE)/handouts/%.pdf: $(SITE)/decks/%.html | $(SETUP)
	$(CK) handouts $<

$(SITE)/downloads/%.zip: $$(wildcard demos/$$*/*.py) $(BUILD_CODE) | $(SETUP)
	$(CK) downloads $*

$(SITE)/downloads/all_demos.zip: $(wildcard demos/*/*.py) $(BUILD_CODE) | $(SETUP)
	$(CK) downloads --all

# A draft is drawn from its script, the built deck, the rendered scenes and the demos' recorded run.
$(SITE)/drafts/%.mp4: scripts/%.md lexicon.toml build/quality $(VIDEO_CODE) \
                      $$(if $$(wildcard slides/$$*.py),$(SITE)/decks/$$*.html) \
                      $$(if $$(wildcard animations/$$*.py),$(SITE)/animations/$$*.json) \
                      $$(if $$(wildcard demos/$$*),build/timings/$$*.json) | $(SETUP)
	$(CK) drafts $* --quality $(QUALITY)

$(SITE)/index.html: $(DECKS) $(ANIMATIONS) $(ZIPS) $(TIMINGS) $(DRAFTS) $(ASSETS) $(wildcard scripts/*.md) $(SITE_CODE) \
                    $(wildcard $(SITE)/captions/*.report.json recordings.lock) | $(SETUP)
	$(CK) site

# coursekit writes every output atomically (a temporary file, then a rename): a recipe that fails or is interrupted
# leaves the previous good file or the new whole one. Interrupted, make would delete a target whose time changed,
# which is then the new whole file (a Ctrl-C just after a draft was written lost the draft): keep them.
.PRECIOUS: $(SITE)/decks/%.html $(SITE)/animations/%.json build/timings/%.json $(SITE)/handouts/%.pdf \
           $(SITE)/downloads/%.zip $(SITE)/drafts/%.mp4 $(SITE)/downloads/all_demos.zip $(SITE)/index.html $(ASSETS)

-include $(wildcard build/deps/*.d)
