"""Settings: precedence (overrides > environment > config file > defaults), clear errors, all documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.settings import Settings, load_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("ASSISTANT_CONFIG", "ASSISTANT_MODEL", "ASSISTANT_BEAM_SIZE", "ASSISTANT_REP_CHANNEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))


def test_defaults() -> None:
    s = load_settings()
    assert s.model == "base" and s.rep_channel == "left" and s.vad is True
    assert s.db_url.endswith("/data/assistant.db")


def test_config_file_then_env_then_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('[assistant]\nmodel = "small"\nbeam_size = 3\nrep_names = ["Alex Morgan"]\n')
    s = load_settings(cfg)
    assert (s.model, s.beam_size, s.rep_names) == ("small", 3, ["Alex Morgan"])
    monkeypatch.setenv("ASSISTANT_BEAM_SIZE", "2")
    assert load_settings(cfg).beam_size == 2
    assert load_settings(cfg, beam_size=4).beam_size == 4
    monkeypatch.setenv("ASSISTANT_CONFIG", str(cfg))
    assert load_settings().model == "small"


def test_config_in_data_dir_is_found(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "config.toml").write_text('rep_channel = "right"\n')
    assert load_settings().rep_channel == "right"


def test_bad_values_name_the_field_and_file(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('rep_channel = "middle"\n')
    with pytest.raises(ConfigError, match=r"config.toml: invalid settings: rep_channel"):
        load_settings(cfg)
    cfg.write_text("modle = 'base'\n")
    with pytest.raises(ConfigError, match="modle"):
        load_settings(cfg)
    cfg.write_text("model = \n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_settings(cfg)
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_settings(tmp_path / "missing.toml")


def test_every_setting_is_documented() -> None:
    undocumented = [name for name, f in Settings.model_fields.items() if not (f.description or "").strip()]
    assert undocumented == []
