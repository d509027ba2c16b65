"""Settings of personal signatures (signatures/), part of the base settings (imported by base.py).

Read from the environment like the rest of base.py (which has already read the .env file by then).
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

# --- Personal signatures (issue 15, signatures/) ---
# Which actions need the actor's personal CMS signature: a comma-separated list of kinds
# (decision.submit, decision.approve, decision.reject, decision.return, decision.court-outcome; complaint answers:
# complaint.satisfy, complaint.partially-satisfy, complaint.forward, complaint.propose-refusal; the record of a
# personal explanation: complaint.record-explanation); empty = none.
# Production: all of them by default.
SIGNATURE_REQUIRED = env.list("SIGNATURE_REQUIRED", default=[])
# The trusted CA certificates and the CRLs (directories of files); demo_pki writes the demo ones here.
SIGNATURE_PKI_DIR = Path(env.str("SIGNATURE_PKI_DIR", default=str(BASE_DIR / "pki")))
SIGNATURE_TRUST_DIR = env.str("SIGNATURE_TRUST_DIR", default=str(SIGNATURE_PKI_DIR / "trust"))
SIGNATURE_CRL_DIR = env.str("SIGNATURE_CRL_DIR", default=str(SIGNATURE_PKI_DIR / "crl"))
# The verifier, an import path: national GOST certificates plug in here (see signatures/verify.py).
SIGNATURE_VERIFIER = env.str("SIGNATURE_VERIFIER", default="signatures.verify.CmsVerifier")
# How far the signing time in a CMS may be from the server's clock when the signature is accepted (seconds).
SIGNATURE_CLOCK_SKEW = env.int("SIGNATURE_CLOCK_SKEW", default=600)
# The software signer (server-held demo keys) is offered only when this is on: never in production.
SIGNATURE_DEMO_SIGNER = env.bool("SIGNATURE_DEMO_SIGNER", default=False)
# The CRL distribution points the beat task downloads hourly into SIGNATURE_CRL_DIR (http, https or file URLs).
SIGNATURE_CRL_URLS = env.list("SIGNATURE_CRL_URLS", default=[])
# How revocation is checked, each listed must pass: "crl" (the CRL files above) and/or "ocsp" (an OCSP responder:
# SIGNATURE_OCSP_URL, else the one in the certificate's Authority Information Access).
SIGNATURE_REVOCATION = env.list("SIGNATURE_REVOCATION", default=["crl"])
SIGNATURE_OCSP_URL = env.str("SIGNATURE_OCSP_URL", default="")
SIGNATURE_OCSP_TIMEOUT = env.float("SIGNATURE_OCSP_TIMEOUT", default=10.0)
# When the responder gives no usable answer: refuse (fail closed, the default; always in production) or accept.
SIGNATURE_OCSP_FAIL_OPEN = env.bool("SIGNATURE_OCSP_FAIL_OPEN", default=False)
