"""Merkle tree hashes as in Certificate Transparency (RFC 6962 §2.1).

For a list of leaf data ``D[n]``::

    MTH({})       = SHA-256()
    MTH({d(0)})   = SHA-256(0x00 || d(0))
    MTH(D[n])     = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))

where ``k`` is the largest power of two smaller than ``n``. The 0x00 / 0x01
prefixes keep a leaf from ever being taken for an inner node (second
pre-image resistance, RFC 6962 §2.1). An inclusion proof (audit path,
RFC 6962 §2.1.1, verified as in RFC 9162 §2.1.3.2) lets anyone check that
one leaf is in a published root without seeing the other leaves.

>>> root = merkle_root([b"a", b"b", b"c"])
>>> proof = inclusion_proof([b"a", b"b", b"c"], 2)
>>> verify_inclusion(b"c", 2, 3, proof, root)
True
>>> verify_inclusion(b"x", 2, 3, proof, root)
False
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

__all__ = [
    "EMPTY_ROOT",
    "inclusion_proof",
    "leaf_hash",
    "merkle_root",
    "node_hash",
    "verify_inclusion",
]


def leaf_hash(data: bytes) -> bytes:
    """``SHA-256(0x00 || data)``."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """``SHA-256(0x01 || left || right)``."""
    return hashlib.sha256(b"\x01" + left + right).digest()


#: The hash of the empty tree, ``SHA-256()``.
EMPTY_ROOT = hashlib.sha256(b"").digest()


def _split(n: int) -> int:
    # The largest power of two smaller than n (n >= 2).
    return 1 << ((n - 1).bit_length() - 1)


def _mth(leaves: Sequence[bytes]) -> bytes:
    if len(leaves) == 1:
        return leaves[0]
    k = _split(len(leaves))
    return node_hash(_mth(leaves[:k]), _mth(leaves[k:]))


def merkle_root(data: Sequence[bytes]) -> bytes:
    """The Merkle tree hash ``MTH(D[n])`` of the leaf data in the given order."""
    if not data:
        return EMPTY_ROOT
    return _mth([leaf_hash(item) for item in data])


def _path(index: int, leaves: Sequence[bytes]) -> list[bytes]:
    if len(leaves) <= 1:
        return []
    k = _split(len(leaves))
    if index < k:
        return [*_path(index, leaves[:k]), _mth(leaves[k:])]
    return [*_path(index - k, leaves[k:]), _mth(leaves[:k])]


def inclusion_proof(data: Sequence[bytes], index: int) -> list[bytes]:
    """The audit path ``PATH(index, D[n])`` of RFC 6962 §2.1.1."""
    if not 0 <= index < len(data):
        raise IndexError(f"leaf {index} is not in a tree of {len(data)} leaves")
    return _path(index, [leaf_hash(item) for item in data])


def verify_inclusion(
    data: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """Check an audit path (the algorithm of RFC 9162 §2.1.3.2)."""
    if not 0 <= index < size:
        return False
    fn, sn = index, size - 1
    result = leaf_hash(data)
    for sibling in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            result = node_hash(sibling, result)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            result = node_hash(result, sibling)
        fn >>= 1
        sn >>= 1
    return sn == 0 and result == root
