"""Why a signature is refused: shared by the verifier and the revocation checkers."""

from __future__ import annotations


class SignatureProblem(Exception):
    """Why a signature is refused: a stable code and a message for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
