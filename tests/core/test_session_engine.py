"""Sessions: over a cache every process shares when the deployment has one (cached_db: read from the
cache, written through to the database), the database otherwise; never a per-process cache, which
would keep a session alive in one process after its logout in another."""

from config.settings.base import caches_and_session_engine


def test_shared_cache_gives_cached_db_sessions():
    caches, engine = caches_and_session_engine("redis://127.0.0.1:6379/1")
    assert engine == "django.contrib.sessions.backends.cached_db"
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


def test_without_a_shared_cache_sessions_live_in_the_database():
    caches, engine = caches_and_session_engine("")
    assert engine == "django.contrib.sessions.backends.db"
    assert "locmem" in caches["default"]["BACKEND"]  # per process: never holds a session
