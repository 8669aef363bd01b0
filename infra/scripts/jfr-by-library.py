#!/usr/bin/env python3
# Where the HTTP threads of a flight recording spend their CPU: each execution sample charged to the library of its
# leaf-most frame outside the JDK, and the platform's (or the plain service's) own methods nearest the leaf.
# Usage: infra/scripts/jfr-by-library.py platform-first.jfr [thread-prefix]   (a recording of bench.sh with
# BENCH_JFR=true; by default the HTTP threads, "http-nio"; e.g. "EventProcessor[dashboards]" for a processor's, or
# "" for all). First, every thread's share of the samples, by thread group (numbers in names folded).
import sys, re, subprocess, collections
path = sys.argv[1]
prefix = sys.argv[2] if len(sys.argv) > 2 else "http-nio"
out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "256", path],
                     capture_output=True, text=True).stdout
buckets = [("io.micrometer", "micrometer"), ("com.nimbusds", "nimbus JOSE/JWT"), ("net.minidev", "json-smart (JWT claims)"),
  ("org.springframework.security.oauth2", "spring oauth2 resource server"), ("org.springframework.security", "spring security"),
  ("org.hibernate.validator", "hibernate validator"), ("com.fasterxml.jackson", "jackson"), ("org.postgresql", "postgres jdbc"),
  ("com.zaxxer", "hikari"), ("org.axonframework", "axon"), ("vn.thanhhoa.cds", "platform code"), ("vn.thanhhoa.plain", "plain code"),
  ("org.apache.catalina", "tomcat"), ("org.apache.coyote", "tomcat"), ("org.apache.tomcat", "tomcat"),
  ("org.springframework.web", "spring web/mvc"), ("org.springframework.jdbc", "spring jdbc"), ("org.springframework.transaction", "spring tx"),
  ("org.springframework", "spring other"), ("org.ehcache", "ehcache"), ("com.github.benmanes", "caffeine"), ("ch.qos.logback", "logback"),
  ("org.slf4j", "logback")]
total = 0; by = collections.Counter(); mine = collections.Counter(); threads = collections.Counter()
samples = out.split("jdk.ExecutionSample {")[1:]
for e in samples:
    m = re.search(r'sampledThread = "([^"]+)"', e)
    threads[re.sub(r"\d+", "#", m.group(1)) if m else "?"] += 1
print(f"{path.split('/')[-1]}: {len(samples)} samples, by thread:")
for k, v in threads.most_common(12): print(f"  {100*v/max(1, len(samples)):5.1f} %  {k}")
for e in samples:
    m = re.search(r'sampledThread = "([^"]+)"', e)
    if not m or not m.group(1).startswith(prefix): continue
    total += 1
    frames = re.findall(r"^\s+([\w$.<>]+)\(", e, re.M)
    lib = "jdk only"
    for f in frames:
        if f.startswith(("java.", "jdk.", "sun.", "javax.")): continue
        lib = next((b for p, b in buckets if f.startswith(p)), "other: " + ".".join(f.split(".")[:3]))
        break
    by[lib] += 1
    own = next((f for f in frames if f.startswith(("vn.thanhhoa.cds", "vn.thanhhoa.plain"))), None)
    if own: mine[own.rsplit(".", 1)[0].split(".")[-1] + "." + own.rsplit(".", 1)[1]] += 1
print(f"{total} samples of threads '{prefix}…'; self time by library:")
for k, v in by.most_common(16): print(f"  {100*v/total:5.1f} %  {k}")
print("  own methods nearest the leaf:")
for k, v in mine.most_common(10): print(f"  {100*v/total:5.1f} %  {k}")
