#!/usr/bin/env python3
"""Turn JMH JSON results of SigningBenchmark into one markdown table.

Usage: summarize.py RESULT.json [RESULT.json ...]   (one file per JDK)

Rows are algorithm x provider x JDK; a variant that ran on one JDK but has no figure on
another (its benchmark failed there) is shown as "failed".
"""
import json
import math
import sys

ALGORITHMS = {
    "RS256": "RS256 (RSA 2048)",
    "PS256": "PS256 (RSA-PSS 2048)",
    "ES256": "ES256 (P-256)",
    "ED25519": "Ed25519 (EdDSA)",
}
PROVIDERS = {
    "JDK": "JDK default (SunRsaSign / SunEC)",
    "BC": "Bouncy Castle, JCA",
    "BCLW": "Bouncy Castle, lightweight API",
    "TINK": "Nimbus Ed25519Signer (Tink)",
}
CORES = 2
GATEWAY_BUDGET_US = 105.0


def load(paths):
    """{(variant, jdk): {"sign": (score, error), "verify": (score, error)}} and the JDKs seen."""
    figures, jdks = {}, []
    for path in paths:
        with open(path) as f:
            runs = json.load(f)
        for run in runs:
            jdk = run["jdkVersion"]
            if jdk not in jdks:
                jdks.append(jdk)
            operation = run["benchmark"].rsplit(".", 1)[1]
            metric = run["primaryMetric"]
            if metric["scoreUnit"] != "us/op":
                sys.exit(f"{path}: expected us/op, got {metric['scoreUnit']}")
            key = (run["params"]["variant"], jdk)
            figures.setdefault(key, {})[operation] = (metric["score"], metric["scoreError"])
    return figures, jdks


def sort_key(variant):
    algorithm, provider = variant.split("_", 1)
    return (list(ALGORITHMS).index(algorithm) if algorithm in ALGORITHMS else 99,
            list(PROVIDERS).index(provider) if provider in PROVIDERS else 99, variant)


def micros(figure):
    if figure is None:
        return "failed"
    score, error = figure[0], float(figure[1])  # JMH writes the error as "NaN" after one iteration
    digits = 2 if score < 10 else 1 if score < 100 else 0
    error_text = "" if math.isnan(error) else f" ± {error:.{digits}f}"
    return f"{score:,.{digits}f}{error_text}"


def main(paths):
    figures, jdks = load(paths)
    variants = sorted({variant for variant, _ in figures}, key=sort_key)
    jdks.sort(key=lambda v: [int(p) if p.isdigit() else 0 for p in v.replace("+", ".").split(".")])

    print(f"| Algorithm | Provider | JDK | sign µs | verify µs | signs/s on {CORES} cores "
          f"| first-sight verify / {GATEWAY_BUDGET_US:.0f} µs budget |")
    print("|---|---|---|--:|--:|--:|--:|")
    for variant in variants:
        algorithm, provider = variant.split("_", 1)
        for jdk in jdks:
            row = figures.get((variant, jdk), {})
            sign, verify = row.get("sign"), row.get("verify")
            signs_per_second = f"{CORES * 1e6 / sign[0]:,.0f}" if sign else "-"
            budget_share = f"{100 * verify[0] / GATEWAY_BUDGET_US:.0f} %" if verify else "-"
            print(f"| {ALGORITHMS.get(algorithm, algorithm)} | {PROVIDERS.get(provider, provider)} | {jdk} "
                  f"| {micros(sign)} | {micros(verify)} | {signs_per_second} | {budget_share} |")
    print()
    print(f"µs: JMH average time per operation, ± its 99.9 % confidence interval. "
          f"signs/s on {CORES} cores = {CORES} × 10⁶ / sign µs, i.e. every core doing nothing but signing. "
          f"sign = build + serialize + sign + compact form; verify = parse + signature check + claims parse.")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
