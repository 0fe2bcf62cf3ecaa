"""Reads Prometheus text on stdin with the prometheus_client parser; prints every sample as JSON.

Output: {"families": {name: type}, "samples": [[sample name, {label: value}, value], ...]}.
A text the parser refuses ends with exit code 3 and its message.
"""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families

try:
    families = {}
    samples = []
    for family in text_string_to_metric_families(sys.stdin.read()):
        families[family.name] = family.type
        for sample in family.samples:
            value = sample.value
            samples.append([sample.name, dict(sample.labels), None if math.isnan(value) or math.isinf(value) else value])
except Exception as error:  # the parser raises ValueError and others for text it cannot read
    print(f"not Prometheus text: {error}", file=sys.stderr)
    sys.exit(3)

json.dump({"families": families, "samples": samples}, sys.stdout)
