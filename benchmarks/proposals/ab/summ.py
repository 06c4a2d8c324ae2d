import sys, statistics as st, collections
d=collections.defaultdict(list); loads=[]
for line in open(sys.argv[1]):
    r,j,jar,sc,l,mps,cpu,wall=line.rstrip('\n').split('\t')
    d[(j,sc,jar)].append((float(mps),float(cpu))); loads.append(float(l))
print("load min-max %.2f-%.2f"%(min(loads),max(loads)))
for k in sorted(d):
    v=d[k]; m=[x[0] for x in v]; c=[x[1] for x in v]
    print("JDK %s %-20s %-8s n=%2d  M/s median %.3f [%.3f-%.3f]  CPU ns/msg %.0f"%(k[0],k[1],k[2],len(v),st.median(m),min(m),max(m),st.median(c)))
