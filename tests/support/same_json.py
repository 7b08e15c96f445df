"""Exits 0 when the JSON file argv[1] and the JSON text argv[2] are equal, key order included;
else says how they differ (the shell tests' check of an answer against a golden file)."""
import json
import sys

expected = json.load(open(sys.argv[1]), object_pairs_hook=list)
actual = json.loads(sys.argv[2], object_pairs_hook=list)
if expected != actual:
    sys.exit(f"not as {sys.argv[1]}: {sys.argv[2]}")
