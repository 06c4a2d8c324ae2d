import sys, statistics as st, collections
f,A,B=sys.argv[1],sys.argv[2],sys.argv[3]
d=collections.defaultdict(list); loads=[]
for line in open(f):
    r,j,jar,sc,l,mps,cpu,wall=line.rstrip('\n').split('\t')
    d[(j,sc,jar)].append((float(mps),float(cpu),r)); loads.append(float(l))
def fm(x): return "%.2f"%x if x<10 else "%.1f"%x
print("| JDK | scenario | %s M/s: median [min–max] | CPU ns/msg | %s M/s: median [min–max] | CPU ns/msg | ratio of medians | rounds won |"%(A,B))
print("|---|---|---:|---:|---:|---:|---:|---:|")
for (j,sc) in sorted(set((k[0],k[1]) for k in d)):
    a=d.get((j,sc,A)); b=d.get((j,sc,B))
    if not a or not b: continue
    ma=[x[0] for x in a]; mb=[x[0] for x in b]
    rs=sorted(set(x[2] for x in a))
    wins=sum(st.median([x[0] for x in b if x[2]==r])>st.median([x[0] for x in a if x[2]==r]) for r in rs)
    print("| JDK %s | %s | %s [%s–%s] | %.0f | %s [%s–%s] | %.0f | %.2f× | %d/%d |"%(j,sc,fm(st.median(ma)),fm(min(ma)),fm(max(ma)),st.median([x[1] for x in a]),fm(st.median(mb)),fm(min(mb)),fm(max(mb)),st.median([x[1] for x in b]),st.median(mb)/st.median(ma),wins,len(rs)))
print("\nload %.2f–%.2f"%(min(loads),max(loads)))
