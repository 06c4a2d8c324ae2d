#!/bin/bash
# usage: ab.sh OUT ROUNDS RUNS "jarA jarB SQ jox ..." scenario...   (SQ, LTQ, jox run from base.jar)
out=$1; rounds=$2; runs=$3; jars=$4; shift 4
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JDKS=${JDKS:-"17 25"}
for r in $(seq 1 $rounds); do
  set -- "$@"; arr=($jars); k=$(( (r-1) % ${#arr[@]} )); rot="${arr[@]:$k} ${arr[@]:0:$k}"
  for jdk in $JDKS; do
    J=$J17; [ $jdk = 25 ] && J=$J25
    for jar in $rot; do
      impl=sluice; file=$jar; props=""
      case $jar in SQ) impl=SynchronousQueue; file=base;; LTQ) impl=LinkedTransferQueue; file=base;; ABQ) impl=ArrayBlockingQueue; file=base;; LBQ) impl=LinkedBlockingQueue; file=base;; jox) impl=jox; file=base; [ $jdk = 17 ] && continue;; esac
      case $jar in *@*) props=$(echo "-D${jar#*@}" | sed "s/+/ -D/g"); file=${jar%@*};; esac
      load=$(cut -d' ' -f1 /proc/loadavg)
      nice -n 5 $J -Xms1g -Xmx1g $props -cp /tmp/i10/$file.jar dev.sluice.benchmarks.WholeRunChild $impl 5000000 100000 1 $runs "$@" 2>&1 | awk -v r=$r -v j=$jdk -v jar=$jar -v l=$load -F'\t' '$1=="run"{printf "%s\t%s\t%s\t%s\t%s\t%.3f\t%.0f\t%s\n", r,j,jar,$2,l,$3/($4/1e9)/1e6,$5/$3, $4}' >> $out
    done
  done
done
