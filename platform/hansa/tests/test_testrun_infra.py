"""`./hansa test`'s Terraform checks: their tools live in pinned environments of their own, reused while
the pins are unchanged and rebuilt when they change; the app's environment never gets them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from hansa import testrun

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def fake_pip(monkeypatch):
    """Record the commands tool_venv runs; `python -m venv` makes the bin/python it would make."""
    calls: list[list[str]] = []
    monkeypatch.delenv("HANSA_TOOLS_DIR", raising=False)

    def run(command, check):
        calls.append([str(part) for part in command])
        if command[1:3] == ["-m", "venv"]:
            bindir = Path(command[-1]) / "bin"
            bindir.mkdir(parents=True, exist_ok=True)
            (bindir / "python").write_text("")
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(testrun.subprocess, "run", run)
    return calls


def test_tool_venv_installs_once_and_is_reused_while_the_pins_are_unchanged(tmp_path, fake_pip):
    lock = tmp_path / "tool.txt"
    lock.write_text("tool==1.0\n")

    bindir = testrun.tool_venv(tmp_path, "tool", lock)

    assert bindir == tmp_path / "var" / "tools" / "tool-venv" / "bin"
    assert [call[1:4] for call in fake_pip] == [["-m", "venv", "--clear"], ["-m", "pip", "--quiet"]]
    assert fake_pip[1][-2:] == ["-r", str(lock)]
    fake_pip.clear()

    assert testrun.tool_venv(tmp_path, "tool", lock) == bindir
    assert fake_pip == []  # reused: nothing created, nothing installed


def test_tool_venv_is_rebuilt_from_scratch_when_a_pin_changes(tmp_path, fake_pip):
    lock = tmp_path / "tool.txt"
    lock.write_text("tool==1.0\n")
    testrun.tool_venv(tmp_path, "tool", lock)
    fake_pip.clear()

    lock.write_text("tool==1.1\n")
    testrun.tool_venv(tmp_path, "tool", lock)

    assert [call[1:4] for call in fake_pip] == [["-m", "venv", "--clear"], ["-m", "pip", "--quiet"]]


def test_hansa_tools_dir_moves_the_environments_out_of_the_checkout(tmp_path, fake_pip, monkeypatch):
    lock = tmp_path / "tool.txt"
    lock.write_text("tool==1.0\n")
    monkeypatch.setenv("HANSA_TOOLS_DIR", str(tmp_path / "cache"))

    assert testrun.tool_venv(tmp_path, "tool", lock) == tmp_path / "cache" / "tool-venv" / "bin"
    assert not (tmp_path / "var").exists()


def test_a_failed_install_leaves_no_stamp_so_the_next_run_installs_again(tmp_path, monkeypatch):
    monkeypatch.delenv("HANSA_TOOLS_DIR", raising=False)
    lock = tmp_path / "tool.txt"
    lock.write_text("tool==1.0\n")

    def run(command, check):
        if command[1:3] == ["-m", "venv"]:
            (Path(command[-1]) / "bin").mkdir(parents=True, exist_ok=True)
            (Path(command[-1]) / "bin" / "python").write_text("")
            return subprocess.CompletedProcess(command, 0)
        raise subprocess.CalledProcessError(1, command)

    monkeypatch.setattr(testrun.subprocess, "run", run)
    with pytest.raises(subprocess.CalledProcessError):
        testrun.tool_venv(tmp_path, "tool", lock)
    assert not (tmp_path / "var" / "tools" / "tool-venv" / ".hansa-stamp").exists()


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([A-Za-z0-9_.+!-]+)", line.strip())
        assert match, f"{path.name}: not an exact pin: {line!r}"
        pins[match.group(1).lower()] = match.group(2)
    return pins


def test_the_tool_locks_pin_every_package_and_keep_the_two_hcl2_packages_apart():
    checkov = _pins(ROOT / testrun.INFRA_TOOLS["checkov"])
    hcl2 = _pins(ROOT / testrun.INFRA_TOOLS["hcl2"])

    assert "checkov" in checkov and "bc-python-hcl2" in checkov
    assert "python-hcl2" in hcl2
    # Both install the module `hcl2`: in one environment one would overwrite the other.
    assert "python-hcl2" not in checkov and "bc-python-hcl2" not in hcl2


def test_the_apps_environment_does_not_get_the_infra_tools():
    app_pins = (ROOT / "pyproject.toml").read_text().lower() + (ROOT / "constraints.txt").read_text().lower()
    assert "checkov" not in app_pins
    assert "hcl2" not in app_pins
