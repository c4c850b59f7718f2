"""Configuration: one validated Settings object, read from NEWSGRAPH_* environment variables."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSGRAPH_", env_file=".env", extra="ignore")

    store: str = Field("oxigraph:data/newsgraph",
                       description="store URL: oxigraph:PATH, memory:, sparql+http://HOST:PORT/PATH")
    update_url: str | None = Field(None, description="SPARQL Update endpoint of a sparql+http store (default: its URL)")
    gsp_url: str | None = Field(None, description="Graph Store Protocol endpoint of a sparql+http store (optional)")
    spacy_model: str | None = Field(None, description="spaCy pipeline package; default en_core_web_sm")
    max_article_bytes: int = Field(5_000_000, gt=0, description="larger articles are refused")
    max_sentence_tokens: int = Field(150, gt=0, description="longer sentences are not searched for relations")
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
    write_token: str | None = Field(None, min_length=16,
                                    description="bearer token that enables writes over HTTP (at least 16 characters)")
    host: str = "127.0.0.1"
    port: int = 8000

    @field_validator("write_token", mode="before")
    @classmethod
    def _empty_token_is_none(cls, value):
        return value or None


@lru_cache
def get_settings() -> Settings:
    return Settings()


__all__ = ["Settings", "get_settings"]
