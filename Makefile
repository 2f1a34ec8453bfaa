# The two commands of README.rst; everything happens in tools/dj.sh.
.PHONY: serve test

serve:
	tools/dj.sh serve

test:
	tools/dj.sh test
