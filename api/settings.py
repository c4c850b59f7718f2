"""Configuration: one validated Settings object, read from NEWSGRAPH_* environment variables."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from extract.errors import NewsgraphError

#: the shortest write token accepted
MIN_TOKEN_CHARS = 16


class ConfigError(NewsgraphError):
    """A setting (NEWSGRAPH_* variable or option) with a value that cannot be used."""

    status = 500
    title = "invalid configuration"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSGRAPH_", env_file=".env", extra="ignore")

    store: str = Field(
        "oxigraph:data/newsgraph", description="store URL: oxigraph:PATH, memory:, sparql+http://HOST:PORT/PATH"
    )
    update_url: str | None = Field(None, description="SPARQL Update endpoint of a sparql+http store (default: its URL)")
    gsp_url: str | None = Field(None, description="Graph Store Protocol endpoint of a sparql+http store (optional)")
    spacy_model: str | None = Field(None, description="spaCy pipeline package; default en_core_web_sm")
    max_article_bytes: int = Field(5_000_000, gt=0, description="larger articles are refused")
    max_sentence_tokens: int = Field(400, gt=0, description="longer sentences are not searched for relations")
    language: str | None = Field("en", description="articles detected as another language are refused; empty: any")
    lock_wait: float = Field(0.0, ge=0, description="seconds a writer waits for another writer to release the store")
    query_timeout: float = Field(10.0, gt=0, description="seconds a SPARQL query may run")
    max_result_bytes: int = Field(50_000_000, gt=0, description="largest serialised SPARQL answer over HTTP")
    max_request_bytes: int = Field(10_000_000, gt=0, description="largest request body (queries, updates, articles)")
    allow_service: bool = Field(False, description="let SPARQL federate (SERVICE): the server then sends requests")
    load_hosts: str = Field("", description="comma-separated hosts SPARQL LOAD may fetch from; empty: LOAD refused")
    sparql_max_depth: int = Field(64, gt=0, description="deepest nesting of { ( [ in a SPARQL request")
    sparql_max_tokens: int = Field(4000, gt=0, description="most tokens of a SPARQL request outside data blocks")
    query_workers: int = Field(2, gt=0, description="worker processes that run SPARQL queries")
    fast_lane_workers: int = Field(1, ge=0, description="more worker processes only for queries that look cheap")
    fast_lane_seconds: float = Field(
        0.5, gt=0, description="seconds a query may run in the fast lane before it moves to the general one"
    )
    query_queue: int = Field(16, ge=0, description="heavy queries that may wait for a worker; more are refused (503)")
    query_memory_bytes: int = Field(
        512_000_000, gt=0, description="private memory a query worker may use; beyond it the query is stopped (503)"
    )
    send_timeout: float = Field(
        30.0, gt=0, description="seconds a client may read nothing of an answer before it is disconnected"
    )
    max_connections: int = Field(
        256, gt=0, description="concurrent connections (and so streamed answers); more are answered 503"
    )
    processes: int = Field(
        0,
        ge=0,
        description="processes accepting connections (serve): 0 one per CPU; 1 the server process alone; "
        "more: read processes answer bounded SPARQL queries and hand the rest to the server process",
    )
    max_form_fields: int = Field(100, gt=0, description="fields an application/x-www-form-urlencoded body may have")
    max_exports: int = Field(4, gt=0, description="concurrent /export streams; more are answered 503")
    base_url: str | None = Field(None, description="the server's public URL (for the SPARQL service description)")
    write_token: str | None = Field(
        None, description="bearer token that enables writes over HTTP (at least 16 characters)"
    )
    host: str = "127.0.0.1"
    port: int = 8000

    @field_validator("write_token", mode="before")
    @classmethod
    def _empty_token_is_none(cls, value):
        if value and len(str(value)) < MIN_TOKEN_CHARS:
            raise ValueError(
                f"the write token has {len(str(value))} characters; it needs at least {MIN_TOKEN_CHARS} "
                f"(make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        return value or None


def describe(error: ValidationError) -> str:
    """A validation error as one line per setting, naming its variable and never echoing its value."""
    lines = []
    for problem in error.errors():
        name = "NEWSGRAPH_" + "_".join(str(part) for part in problem["loc"]).upper()
        lines.append(f"{name}: {problem['msg'].removeprefix('Value error, ')}")
    return "; ".join(lines)


@lru_cache
def get_settings() -> Settings:
    """The settings from the environment.

    Raises:
        ConfigError: naming each invalid setting and why.
    """
    try:
        return Settings()
    except ValidationError as error:
        raise ConfigError(describe(error)) from None


__all__ = ["ConfigError", "Settings", "get_settings"]
