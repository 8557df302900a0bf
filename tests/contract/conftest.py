import time, collections, atexit
import neo4j._sync.work.transaction as T
spent = collections.defaultdict(float); calls = collections.Counter()
orig = T.TransactionBase.run
def run(self, query, parameters=None, **kw):
    t = time.time(); r = orig(self, query, parameters, **kw); r._buffer_all(); spent[query.strip()[:90]] += time.time()-t; calls[query.strip()[:90]] += 1
    return r
T.TransactionBase.run = run
import graph.adapters.neo4j as m
W = m.Neo4jStore.write
wt = [0.0]
def write(self, b):
    t = time.time(); r = W(self, b); wt[0] += time.time() - t; return r
m.Neo4jStore.write = write
def dump():
    print("\nwrite total", round(wt[0], 1))
    for k, v in sorted(spent.items(), key=lambda kv: -kv[1])[:12]: print(round(v,2), calls[k], k.replace("\n"," "))
atexit.register(dump)
