#!/bin/bash
# JMH twin of ab.sh: runs WholeRunShape (the whole-run cell as a JMH benchmark) for two or more
# jars, alternating the jars (rotated each repetition) so that a slow period of the machine falls
# on all of them alike; one JSON per (repetition, JDK, scenario, jar). Pool with jmhpool.py.
# usage: jmh-ab.sh OUTDIR REPS FORKS "jarA jarB" scenario...      (jars in /tmp/i10/NAME.jar)
# FIRST=9 numbers the repetitions from 9 (to add repetitions to OUTDIR); JDKS="17" for one JDK.
# BENCH=Rendezvous runs that class instead, impl=sluice, each "scenario" argument then naming a
# method (spsc, mpsc, ...).
out=$1; reps=$2; forks=$3; jars=$4; shift 4
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JDKS=${JDKS:-"17 25"}
mkdir -p "$out"
first=${FIRST:-1}
for r in $(seq "$first" $((first + reps - 1))); do
  arr=($jars); k=$(( (r-1) % ${#arr[@]} )); rot="${arr[@]:$k} ${arr[@]:0:$k}"
  for jdk in $JDKS; do
    J=$J17; [ "$jdk" = 25 ] && J=$J25
    for scenario in "$@"; do
      for jar in $rot; do
        tag=$(echo "$scenario" | tr -c 'a-z0-9\n' '_')
        if [ -n "$BENCH" ]; then select=("$BENCH\.$scenario\$"); else select=(WholeRunShape -p "scenario=$scenario"); fi
        nice -n 5 $J -jar /tmp/i10/$jar.jar "${select[@]}" -jvm $J -p impl=sluice \
            -f "$forks" -wi 2 -i 4 -rf json -rff "$out/$jar-$jdk-$tag-$r.json" > /dev/null 2>&1 \
          || echo "FAILED: $jar $jdk $scenario rep $r" >&2
      done
    done
  done
done
