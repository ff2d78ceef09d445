"""Verify compact JWS tokens with the public keys of a JWKS, using only
Python `cryptography`: an independent check of pkjwt's JWK export.

usage: verify_jws.py JWKS_FILE TOKENS_FILE   (one token per line)
Prints "verified N" or exits non-zero.
"""
import base64
import json
import sys

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils


def b64u(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def as_int(s):
    return int.from_bytes(b64u(s), "big")


def main():
    jwks = json.load(open(sys.argv[1]))["keys"]
    tokens = [t for t in open(sys.argv[2]).read().split() if t]
    n = 0
    for token in tokens:
        h, p, s = token.split(".")
        header = json.loads(b64u(h))
        jwk = next(k for k in jwks if k["kid"] == header["kid"])
        assert jwk["alg"] == header["alg"], (jwk["alg"], header["alg"])
        data = (h + "." + p).encode()
        sig = b64u(s)
        if jwk["kty"] == "RSA":
            key = rsa.RSAPublicNumbers(as_int(jwk["e"]), as_int(jwk["n"])).public_key()
            if header["alg"] == "RS256":
                key.verify(sig, data, padding.PKCS1v15(), hashes.SHA256())
            else:
                key.verify(sig, data, padding.PSS(padding.MGF1(hashes.SHA256()), 32), hashes.SHA256())
        else:
            assert jwk["crv"] == "P-256"
            key = ec.EllipticCurvePublicNumbers(as_int(jwk["x"]), as_int(jwk["y"]), ec.SECP256R1()).public_key()
            r, s2 = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
            key.verify(utils.encode_dss_signature(r, s2), data, ec.ECDSA(hashes.SHA256()))
        n += 1
    print("verified %d" % n)


main()
