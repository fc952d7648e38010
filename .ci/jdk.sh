# Sourced by .ci/run and the benchmark scripts: finds a JDK >= 21 installed on this machine.
MIN_JAVA=21
PREFERRED_JDK=/usr/lib/jvm/temurin-25-jdk-amd64

# The feature version (17, 21, 25...) of the JDK in $1, or nothing when $1 is not a JDK (java and javac).
jdk_version() {
    local home="$1" version=""
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 0
    if [[ -f "$home/release" ]]; then
        version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")"
    fi
    if [[ -z "$version" ]]; then
        version="$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
    fi
    echo "$version"
}

usable_jdk() {
    local version
    version="$(jdk_version "$1")"
    [[ -n "$version" && "$version" -ge "$MIN_JAVA" ]]
}

# Prints the home of the newest JDK >= MIN_JAVA found on this machine, or nothing.
find_jdk() {
    local candidates=("$PREFERRED_JDK")
    [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
    local dir
    for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
        [[ -d "$dir" ]] && candidates+=("$dir")
    done
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    # The preferred JDK wins when present; otherwise the newest usable one.
    if usable_jdk "$PREFERRED_JDK"; then
        echo "$PREFERRED_JDK"
        return
    fi
    local best="" best_version=0 version
    for dir in "${candidates[@]}"; do
        version="$(jdk_version "$dir")"
        if [[ -n "$version" && "$version" -ge "$MIN_JAVA" && "$version" -gt "$best_version" ]]; then
            best="$dir"
            best_version="$version"
        fi
    done
    echo "$best"
}
