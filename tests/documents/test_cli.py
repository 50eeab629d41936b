"""`govscore document`: files written, exit codes, messages without tracebacks."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from govscore.cli.main import main
from govscore.documents.fonts import FONT_DIRS_ENV


@pytest.mark.parametrize(("file_format", "magic"), [("docx", b"PK"), ("pdf", b"%PDF"), ("xlsx", b"PK")])
def test_it_writes_each_format(
    file_format: str, magic: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / f"ket-qua.{file_format}"
    code = main(["document", "dongnai-2012", "--format", file_format, "--output", str(output)])
    assert code == 0
    assert output.read_bytes().startswith(magic)
    assert str(output) in capsys.readouterr().out
    assert [path.name for path in tmp_path.iterdir()] == [output.name]  # no temporary file left behind


def test_the_format_comes_from_the_extension_and_the_layout_is_chosen(tmp_path: Path) -> None:
    output = tmp_path / "tong-hop.docx"
    assert main(["document", "dongnai-2012", "-o", str(output), "--layout", "summary"]) == 0
    with zipfile.ZipFile(output) as archive:
        assert "Tỷ lệ đạt" in archive.read("word/document.xml").decode()


def test_an_unknown_extension_without_format_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "document", "dongnai-2012", "-o", str(tmp_path / "x.bin")]) == 2
    assert "--format" in capsys.readouterr().err


def test_an_unwritable_output_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["document", "dongnai-2012", "-o", str(tmp_path / "missing" / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "Không ghi được" in err and "Traceback" not in err


def test_missing_fonts_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FONT_DIRS_ENV, str(tmp_path))
    assert main(["--lang", "en", "document", "dongnai-2012", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "fonts-croscore" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_an_unknown_evaluation_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["document", "khong-co", "-o", str(tmp_path / "x.docx")]) == 2
    assert "khong-co" in capsys.readouterr().err
