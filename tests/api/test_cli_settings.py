"""The store commands' settings: what pydantic-settings says, without it where nothing needs validating."""

from __future__ import annotations

import os
from dataclasses import fields

import pytest

from api.cli_settings import StoreSettings, store_settings
from api.settings import ConfigError, Settings, get_settings


@pytest.fixture
def environment(monkeypatch, tmp_path):
    """No NEWSGRAPH_* variable, in a folder without a .env file; set variables with ``setenv``."""
    for name in list(os.environ):
        if name.lower().startswith("newsgraph_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def as_store_settings(settings: Settings | StoreSettings) -> StoreSettings:
    return StoreSettings(**{f.name: getattr(settings, f.name) for f in fields(StoreSettings)})


@pytest.mark.parametrize(
    "variables",
    [
        {},
        {"NEWSGRAPH_STORE": "memory:"},
        {"newsgraph_Store": "oxigraph:/srv/graph"},
        {"NEWSGRAPH_STORE": "memory:", "newsgraph_store": "oxigraph:x"},
        {"NEWSGRAPH_UPDATE_URL": "", "NEWSGRAPH_GSP_URL": "http://h/gsp", "NEWSGRAPH_LOAD_HOSTS": "a.org, B.org"},
        {"NEWSGRAPH": "x", "NEWSGRAPHSTORE": "x", "OTHER_STORE": "x"},
    ],
)
def test_free_text_variables_are_read_as_pydantic_settings_reads_them(environment, variables):
    for name, value in variables.items():
        environment.setenv(name, value)
    settings = store_settings()
    assert isinstance(settings, StoreSettings)
    assert settings == as_store_settings(Settings())


@pytest.mark.parametrize(
    "variables",
    [
        {"NEWSGRAPH_LOCK_WAIT": "2.5"},
        {"NEWSGRAPH_STORE": "memory:", "newsgraph_allow_service": "yes"},
        {"NEWSGRAPH_SPARQL_MAX_TOKENS": " 100 "},
        {"NEWSGRAPH_NOT_A_SETTING": "1"},
        {"NEWSGRAPH_WRITE_TOKEN": "a-token-long-enough-to-pass"},
    ],
)
def test_other_variables_are_left_to_pydantic_settings(environment, variables):
    for name, value in variables.items():
        environment.setenv(name, value)
    settings = store_settings()
    assert isinstance(settings, Settings)
    assert as_store_settings(settings) == as_store_settings(Settings())


def test_an_invalid_variable_is_refused_with_the_settings_message(environment):
    environment.setenv("NEWSGRAPH_SPARQL_MAX_DEPTH", "deep")
    with pytest.raises(ConfigError, match="^NEWSGRAPH_SPARQL_MAX_DEPTH: Input should be a valid integer"):
        store_settings()


def test_a_dotenv_file_is_left_to_pydantic_settings(environment, tmp_path):
    (tmp_path / ".env").write_text("NEWSGRAPH_LOCK_WAIT=3\nNEWSGRAPH_STORE=memory:\n", encoding="utf-8")
    settings = store_settings()
    assert isinstance(settings, Settings) and (settings.store, settings.lock_wait) == ("memory:", 3.0)
