#!/bin/bash
# Install every Debian package sigbench needs to build, run and test,
# skipping those already installed.  Safe to run again and again.
#   bash ci/install-deps.sh
set -euo pipefail

REQUIRED=(
	gcc libc6-dev cmake ninja-build pkg-config git   # build
	libmpfr-dev libgmp-dev                           # the reference
	python3 python3-jinja2                           # the generator (build time only)
	python3-jsonschema                               # tests: --json outputs against schemas/
	dpkg-dev                                         # cpack -G DEB: dpkg-shlibdeps finds the Depends
	clang libclang-rt-dev                            # tests/fuzz: clang with libFuzzer, ASan, UBSan
	# peers measured beside our variants (optional for the build; CMake
	# finds each one on its own): XNNPACK needs pthreadpool's header, which
	# its -dev package does not pull in; Eigen and oneDNN need g++
	g++ libxnnpack-dev libpthreadpool-dev libsleef-dev libeigen3-dev libdnnl-dev
	libopenmpi-dev openmpi-bin                       # optional: mpirun splits a sweep across ranks
)

missing=()
for p in "${REQUIRED[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done

if ((${#missing[@]} == 0)); then
	echo "install-deps: all ${#REQUIRED[@]} packages present"
	exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null; then
		SUDO=sudo
	else
		echo "install-deps: missing ${missing[*]} and not root (run as root or install them)" >&2
		exit 1
	fi
else
	SUDO=
fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
