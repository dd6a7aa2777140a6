"""Signs a renja PDF the way a signing service would, and proves the signature holds.

Usage: sign_and_validate.py NAME.pdf NAME.ttd.json SIGNED.pdf

A throwaway self-signed certificate; a PAdES signature field placed exactly at the first box
NAME.ttd.json gives; then validation against that certificate as the only trust root. Exits 0
and prints one line per check, or raises.
"""

import datetime
import json
import sys
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext


def throwaway_certificate(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Penanda Tangan Uji renja")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=False,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = directory / "kunci.pem", directory / "sertifikat.pem"
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def main() -> None:
    pdf, placement, signed = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    manifest = json.loads(placement.read_text(encoding="utf-8"))
    box = manifest["tanda_tangan"][0]
    assert box["elektronik"], "the first signature box is not an electronic one"
    rect = (box["x"], box["y"], box["x"] + box["lebar"], box["y"] + box["tinggi"])
    with tempfile.TemporaryDirectory() as scratch:
        key_path, cert_path = throwaway_certificate(Path(scratch))
        signer = signers.SimpleSigner.load(str(key_path), str(cert_path))
        with pdf.open("rb") as source:
            writer = IncrementalPdfFileWriter(source)
            fields.append_signature_field(
                writer, fields.SigFieldSpec("TandaTangan", on_page=box["halaman"] - 1, box=rect)
            )
            with signed.open("wb") as out:
                signers.sign_pdf(
                    writer, signers.PdfSignatureMetadata(field_name="TandaTangan"), signer=signer, output=out
                )
        trust = ValidationContext(trust_roots=[load_cert_from_pemder(str(cert_path))])
        with signed.open("rb") as stream:
            reader = PdfFileReader(stream)
            signature = reader.embedded_signatures[0]
            status = validate_pdf_signature(signature, trust)
            assert status.intact and status.valid, f"signature does not validate: {status.pretty_print_details()}"
            assert status.trusted, "the signer is not the throwaway certificate"
            assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE, f"coverage {status.coverage}"
            widget = signature.sig_field["/Kids"][0] if "/Kids" in signature.sig_field else signature.sig_field
            placed = [float(v) for v in widget["/Rect"]]
            assert all(abs(a - b) < 0.01 for a, b in zip(placed, rect)), f"field at {placed}, box {rect}"
            xmp = reader.root["/Metadata"].get_object().data
            assert b"pdfaid:part" in xmp and b"pdfaid:conformance" in xmp, "PDF/A identification lost"
    print(f"ditandatangani: halaman {box['halaman']}, kotak {rect}")
    print("valid: utuh, sah, dipercaya; cakupan: seluruh berkas; PDF/A: pdfaid tetap ada")


if __name__ == "__main__":
    main()
