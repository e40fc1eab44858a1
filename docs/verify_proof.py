#!/usr/bin/env python3
"""Verify an Exchange proof of liabilities (scheme exchange-pol-v1) offline.

    python3 verify_proof.py proof.json [--expect MIOTA=1.5,BTC=0] [--public-key exchange-key.pem]

Only Python's standard library: the ECDSA P-256 signature is checked with the curve arithmetic
below. docs/proof-of-liabilities.md defines every byte checked here. Exit status: 0 accepted,
1 rejected (the reason is printed), 2 bad arguments.
"""

import argparse
import base64
import hashlib
import hmac
import json
import re
import struct
import sys
from datetime import datetime

SCHEME = "exchange-pol-v1"
U64_MAX = 2**64 - 1

# NIST P-256 (secp256r1): y^2 = x^3 - 3x + b over GF(p), base point G of prime order n.
P = 0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF
B = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B
N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
G = (0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
     0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5)
# SubjectPublicKeyInfo of a P-256 key, up to its uncompressed point 04 || X || Y.
SPKI_PREFIX = bytes.fromhex("3059301306072a8648ce3d020106082a8648ce3d030107034200")


class Rejected(Exception):
    def __init__(self, step, detail):
        super().__init__(f"{step}: {detail}")
        self.step, self.detail = step, detail


def point_add(p1, p2):
    if p1 is None:
        return p2
    if p2 is None:
        return p1
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2 and (y1 + y2) % P == 0:
        return None
    if p1 == p2:
        slope = (3 * x1 * x1 - 3) * pow(2 * y1, -1, P) % P
    else:
        slope = (y2 - y1) * pow(x2 - x1, -1, P) % P
    x3 = (slope * slope - x1 - x2) % P
    return x3, (slope * (x1 - x3) - y1) % P


def point_multiply(k, point):
    result = None
    while k:
        if k & 1:
            result = point_add(result, point)
        point = point_add(point, point)
        k >>= 1
    return result


def public_point(pem):
    body = "".join(line for line in pem.strip().splitlines() if not line.startswith("-----"))
    der = base64.b64decode(body, validate=True)
    if len(der) != len(SPKI_PREFIX) + 65 or not der.startswith(SPKI_PREFIX) or der[len(SPKI_PREFIX)] != 4:
        raise ValueError("not an uncompressed P-256 public key (SubjectPublicKeyInfo PEM)")
    x = int.from_bytes(der[-64:-32], "big")
    y = int.from_bytes(der[-32:], "big")
    if x >= P or y >= P or (y * y - x * x * x + 3 * x - B) % P != 0:
        raise ValueError("the point is not on the P-256 curve")
    return (x, y), hashlib.sha256(der).hexdigest()


def ecdsa_p256_verifies(point, message, signature):
    """ECDSA with SHA-256; the signature is IEEE P1363 (r || s, 32 bytes each)."""
    if len(signature) != 64:
        return False
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    if not (0 < r < N and 0 < s < N):
        return False
    e = int.from_bytes(hashlib.sha256(message).digest(), "big")
    w = pow(s, -1, N)
    total = point_add(point_multiply(e * w % N, G), point_multiply(r * w % N, point))
    return total is not None and total[0] % N == r


def u64(amount):
    return struct.pack(">Q", amount)


def leaf_key(nonce, snapshot_id):
    return hmac.new(nonce, b"exchange-pol-leaf-key" + u64(snapshot_id), hashlib.sha256).digest()


def leaf_hash(key, snapshot_id, index, balances):
    message = b"\x00" + u64(snapshot_id) + u64(index) + b"".join(u64(b) for b in balances)
    return hmac.new(key, message, hashlib.sha256).digest()


def node_hash(left, left_sums, right, right_sums):
    message = b"\x01" + left + b"".join(u64(s) for s in left_sums) + right + b"".join(u64(s) for s in right_sums)
    return hashlib.sha256(message).digest()


def member(parent, name, kind, where, step):
    if not isinstance(parent, dict) or name not in parent or not isinstance(parent[name], kind) or isinstance(parent[name], bool) != (kind is bool):
        raise Rejected(step, f"{where} has no '{name}' {kind.__name__}.")
    return parent[name]


def whole(parent, name, where, step):
    value = member(parent, name, int, where, step)
    if not 0 <= value < 2**63:
        raise Rejected(step, f"{where}'s '{name}' is not a whole number from 0 to 2^63 - 1.")
    return value


def hex_bytes(parent, name, size, where, step):
    text = member(parent, name, str, where, step)
    if not re.fullmatch(f"[0-9a-fA-F]{{{2 * size}}}", text):
        raise Rejected(step, f"{where}'s '{name}' is not {size} bytes in hex ({2 * size} hex digits).")
    return bytes.fromhex(text)


def amount(value, what, step):
    if not isinstance(value, str) or not re.fullmatch(r"0|[1-9][0-9]*", value):
        raise Rejected(step, f'{what} is not a whole number of base units in decimal digits (a JSON string such as "1500000").')
    if int(value) > U64_MAX:
        raise Rejected(step, f"{what} is {value}, more than 2^64 - 1 = {U64_MAX}: the tree's u64 encoding cannot hold it.")
    return int(value)


def parse_manifest(text):
    step, where = "Manifest", "The manifest"
    try:
        manifest = json.loads(text)
    except ValueError as e:
        raise Rejected(step, f"{where} is not JSON: {e}")
    if member(manifest, "scheme", str, where, step) != SCHEME:
        raise Rejected(step, f"{where}'s scheme is '{manifest['scheme']}'; this verifier knows {SCHEME}.")
    coins = []
    for i, coin in enumerate(member(manifest, "coins", list, where, step)):
        at = f"{where}'s coin {i}"
        coins.append({"symbol": member(coin, "symbol", str, at, step), "decimals": whole(coin, "decimals", at, step),
                      "total": amount(member(coin, "total", str, at, step), f"{at}'s total", step)})
    depth, leaf_count = whole(manifest, "depth", where, step), whole(manifest, "leafCount", where, step)
    if not 1 <= depth <= 62 or leaf_count != 2**depth:
        raise Rejected(step, f"{where}'s leafCount {leaf_count} is not 2^depth (depth {depth}).")
    try:
        datetime.strptime(member(manifest, "takenAt", str, where, step), "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise Rejected(step, f"{where}'s takenAt is not a UTC time like 2026-11-24T12:00:00Z.")
    return {"snapshotId": whole(manifest, "snapshotId", where, step), "takenAt": manifest["takenAt"], "coins": coins,
            "leafCount": leaf_count, "depth": depth, "root": hex_bytes(manifest, "root", 32, where, step).hex()}


def verify(proof_text, expected=None, trusted_key_pem=None, report=print):
    """Reports each step; returns None when the proof is accepted, else the Rejected reason."""
    try:
        steps(proof_text, expected, trusted_key_pem, report)
        return None
    except Rejected as rejected:
        report(f"FAIL  {rejected.step}: {rejected.detail}")
        return rejected


def steps(proof_text, expected, trusted_key_pem, report):
    def passed(step, detail):
        report(f"ok    {step}: {detail}")

    step, where = "Proof file", "The proof"
    try:
        proof = json.loads(proof_text)
    except ValueError as e:
        raise Rejected(step, f"not JSON: {e}")
    if member(proof, "scheme", str, where, step) != SCHEME:
        raise Rejected(step, f"its scheme is '{proof['scheme']}'; this verifier knows {SCHEME}.")
    manifest_text = member(proof, "manifest", str, where, step)
    try:
        signature = base64.b64decode(member(proof, "signature", str, where, step), validate=True)
    except ValueError:
        raise Rejected(step, "its signature is not base64.")
    embedded_key = member(proof, "publicKey", str, where, step)
    leaf = member(proof, "leaf", dict, where, step)
    key = hex_bytes(leaf, "key", 32, "The leaf", step)
    path = member(proof, "path", list, where, step)
    passed(step, f"a proof with a leaf and {len(path)} level(s) of path.")

    manifest = parse_manifest(manifest_text)
    coins = manifest["coins"]
    symbols = [c["symbol"] for c in coins]
    passed("Manifest", f"snapshot {manifest['snapshotId']} taken {manifest['takenAt']}: {manifest['leafCount']} leaves "
           f"(depth {manifest['depth']}), coins {', '.join(symbols)}.")

    def describe(amounts):
        return ", ".join(f"{symbol} {a}" for symbol, a in zip(symbols, amounts))

    step = "Signature"
    try:
        point, fingerprint = public_point(trusted_key_pem or embedded_key)
    except ValueError as e:
        which = "given" if trusted_key_pem else "proof's"
        raise Rejected(step, f"the {which} public key is not usable: {e}")
    whose = "the key you gave" if trusted_key_pem else "the key in the proof file; compare its fingerprint with the one the exchange publishes"
    if not ecdsa_p256_verifies(point, manifest_text.encode("utf-8"), signature):
        raise Rejected(step, f"not a valid signature of this manifest by {whose} (fingerprint {fingerprint}).")
    passed(step, f"ECDSA P-256 over the manifest, valid for {whose} (fingerprint {fingerprint}).")

    step = "Leaf"
    index = whole(leaf, "index", "The leaf", step)
    if index >= manifest["leafCount"]:
        raise Rejected(step, f"its index {index} is outside the tree's {manifest['leafCount']} leaves.")
    if len(path) != manifest["depth"]:
        raise Rejected(step, f"its path has {len(path)} level(s); the signed tree is {manifest['depth']} levels deep.")
    raw = member(leaf, "balances", list, "The leaf", step)
    if len(raw) != len(coins):
        raise Rejected(step, f"The leaf's 'balances' has {len(raw)} amount(s); the manifest lists {len(coins)} coin(s).")
    balances = [amount(b, f"The leaf's 'balances'[{i}]", step) for i, b in enumerate(raw)]
    passed(step, f"index {index}, balances {describe(balances)}.")

    step = "Expected balances"
    if not expected:
        passed(step, "not checked: no expected balances were given.")
    else:
        for symbol, want in expected.items():
            if symbol not in symbols:
                raise Rejected(step, f"the snapshot has no coin {symbol}; its coins are {', '.join(symbols)}.")
            if balances[symbols.index(symbol)] != want:
                raise Rejected(step, f"{symbol}: the leaf holds {balances[symbols.index(symbol)]} base units, you expected {want}.")
        passed(step, f"{', '.join(f'{s} {a}' for s, a in expected.items())}, as expected.")

    digest = leaf_hash(key, manifest["snapshotId"], index, balances)
    passed("Leaf hash", f"HMAC-SHA256 with the leaf's key: {digest.hex()}")

    sums, position = balances, index
    for level, sibling in enumerate(path, start=1):
        step = f"Level {level}"
        sibling_hash = hex_bytes(sibling, "hash", 32, f"The path's level {level}", step)
        raw = sibling.get("sums") if isinstance(sibling, dict) else None
        if not isinstance(raw, list) or len(raw) != len(coins):
            raise Rejected(step, f"the sibling has {len(raw) if isinstance(raw, list) else 0} sum(s); the manifest lists {len(coins)} coin(s).")
        sibling_sums = [amount(s, f"the sibling's {symbols[c]} sum", step) for c, s in enumerate(raw)]
        parent = [a + b for a, b in zip(sums, sibling_sums)]
        if any(p > U64_MAX for p in parent):
            raise Rejected(step, f"a sum overflows 64 bits: {describe(sums)} plus the sibling's {describe(sibling_sums)}.")
        on_left = position % 2 == 0
        digest = node_hash(digest, sums, sibling_hash, sibling_sums) if on_left else node_hash(sibling_hash, sibling_sums, digest, sums)
        sums, position = parent, position // 2
        passed(step, f"sibling on the {'right' if on_left else 'left'}: node {position} is {digest.hex()} with sums {describe(sums)}.")

    if digest.hex() != manifest["root"]:
        raise Rejected("Root", f"the path leads to {digest.hex()}; the signed manifest's root is {manifest['root']}.")
    passed("Root", f"{digest.hex()}, the signed manifest's root.")
    for c, coin in enumerate(coins):
        if sums[c] != coin["total"]:
            raise Rejected("Totals", f"the root's {coin['symbol']} sum is {sums[c]}; the signed manifest says {coin['total']}.")
    passed("Totals", f"the root's sums equal the signed manifest's totals: {describe(sums)}.")


def expected_balances(text, proof_text):
    """MIOTA=1.5,BTC=0 in display units, converted with the decimals of the proof's manifest."""
    try:
        coins = {c["symbol"]: c["decimals"] for c in parse_manifest(json.loads(proof_text)["manifest"])["coins"]}
    except (Rejected, ValueError, KeyError, TypeError):
        raise ValueError("--expect needs the proof's manifest to know the coins' decimals, and the proof has no readable manifest.")
    expected = {}
    for pair in text.split(","):
        symbol, _, value = (part.strip() for part in pair.partition("="))
        if not symbol or not value:
            raise ValueError(f"--expect: '{pair}' is not COIN=AMOUNT, e.g. MIOTA=1.5")
        if symbol not in coins:
            raise ValueError(f"--expect: the proof's snapshot has no coin {symbol}; its coins are {', '.join(coins)}.")
        if symbol in expected:
            raise ValueError(f"--expect names {symbol} twice.")
        decimals = coins[symbol]
        number = re.fullmatch(r"([0-9]*)(?:\.([0-9]*))?", value)
        fraction = number.group(2) or "" if number else ""
        units = None
        if number and re.search("[0-9]", value) and len(fraction.rstrip("0")) <= decimals:
            units = int(number.group(1) or "0") * 10**decimals + int((fraction + "0" * decimals)[:decimals] or "0")
        if units is None or units > U64_MAX:
            raise ValueError(f"--expect: {value} is not an amount of {symbol} with at most {decimals} decimals (display units, '.' as the separator).")
        expected[symbol] = units
    return expected


def main(argv):
    parser = argparse.ArgumentParser(description="Verify an Exchange proof of liabilities offline.")
    parser.add_argument("proof", help="the proof file the exchange gave you")
    parser.add_argument("--expect", help="your balances as the exchange shows them, e.g. MIOTA=1.5,BTC=0")
    parser.add_argument("--public-key", help="the exchange's published public key (PEM)")
    try:
        args = parser.parse_args(argv)
    except SystemExit:
        return 2
    try:
        with open(args.proof, encoding="utf-8") as f:
            proof_text = f.read()
        key = None
        if args.public_key is not None:
            with open(args.public_key, encoding="utf-8") as f:
                key = f.read()
        expected = expected_balances(args.expect, proof_text) if args.expect is not None else None
    except (OSError, ValueError) as e:
        print(e, file=sys.stderr)
        return 2
    rejected = verify(proof_text, expected, key)
    if rejected is not None:
        print(f"Rejected: {rejected}")
        return 1
    print("Accepted: your balances are in the signed total." if expected
          else "Accepted: the proof holds, but your balances were not compared (give them with --expect).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
