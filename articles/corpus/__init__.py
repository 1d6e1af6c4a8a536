"""Our own annotated corpora, stored stand-off: ids, offsets, hashes, names — never the text.

The texts stay in `../shared/corpora` (they are not ours to ship); `load_*` reads them from there
and checks each document's hash before it trusts an offset. Pure Python: no Django.
"""
