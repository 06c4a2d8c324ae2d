# per-round ratio of medians of jar B to jar A (interleaved pairs), per JDK/scenario
import sys, statistics as st, collections
A,B=sys.argv[2],sys.argv[3]
d=collections.defaultdict(list)
for line in open(sys.argv[1]):
    r,j,jar,sc,l,mps,cpu,wall=line.rstrip('\n').split('\t')
    d[(j,sc,r,jar)].append(float(mps))
keys=sorted(set((k[0],k[1]) for k in d))
for j,sc in keys:
    rs=sorted(set(k[2] for k in d if k[0]==j and k[1]==sc))
    ratios=[st.median(d[(j,sc,r,B)])/st.median(d[(j,sc,r,A)]) for r in rs if (j,sc,r,A) in d and (j,sc,r,B) in d]
    if ratios: print("JDK %s %-20s %s/%s per-round ratios: %s  median %.2f  wins %d/%d"%(j,sc,B,A," ".join("%.2f"%x for x in ratios),st.median(ratios),sum(x>1 for x in ratios),len(ratios)))
