# Builds and installs scrapelint, its shell completions (bash, zsh, fish) and its man page under PREFIX.
#   make install                          # into /usr/local
#   make install PREFIX=$HOME/.local      # for one user
#   make install DESTDIR=/tmp/pkg PREFIX=/usr   # staged, for packaging
#   make uninstall PREFIX=...
# The completions come from the binary (--generate-completion-script) and the man page from
# swift-argument-parser's generate-manual tool (built from the package's own dependency, offline), so
# both follow the command definitions.

PREFIX ?= /usr/local
DESTDIR ?=
CONFIGURATION ?= release
SWIFT ?= swift
# The man page's date: the last commit's, so that the page is reproducible.
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date +%Y-%m-%d)

DIST := .build/dist
BINDIR := $(DESTDIR)$(PREFIX)/bin
BASHDIR := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
MANDIR := $(DESTDIR)$(PREFIX)/share/man/man1

.PHONY: all build dist install uninstall docs check-docs

all: dist

build:
	$(SWIFT) build -c $(CONFIGURATION) --product scrapelint
	$(SWIFT) build -c $(CONFIGURATION) --product generate-manual

# Completions and man page under .build/dist/.
dist: build
	@bin="$$($(SWIFT) build -c $(CONFIGURATION) --show-bin-path)" && \
	mkdir -p $(DIST)/completions $(DIST)/man && \
	"$$bin/scrapelint" --generate-completion-script bash > $(DIST)/completions/scrapelint.bash && \
	"$$bin/scrapelint" --generate-completion-script zsh > $(DIST)/completions/_scrapelint && \
	"$$bin/scrapelint" --generate-completion-script fish > $(DIST)/completions/scrapelint.fish && \
	"$$bin/generate-manual" "$$bin/scrapelint" --date $(MAN_DATE) --output-directory $(DIST)/man && \
	cp "$$bin/scrapelint" $(DIST)/scrapelint

install: dist
	install -d $(BINDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR) $(MANDIR)
	install -m 755 $(DIST)/scrapelint $(BINDIR)/scrapelint
	install -m 644 $(DIST)/completions/scrapelint.bash $(BASHDIR)/scrapelint
	install -m 644 $(DIST)/completions/_scrapelint $(ZSHDIR)/_scrapelint
	install -m 644 $(DIST)/completions/scrapelint.fish $(FISHDIR)/scrapelint.fish
	install -m 644 $(DIST)/man/scrapelint.1 $(MANDIR)/scrapelint.1

uninstall:
	rm -f $(BINDIR)/scrapelint $(BASHDIR)/scrapelint $(ZSHDIR)/_scrapelint $(FISHDIR)/scrapelint.fish $(MANDIR)/scrapelint.1

docs:
	scripts/gen-docs

check-docs:
	scripts/gen-docs --check
