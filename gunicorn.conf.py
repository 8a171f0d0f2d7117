"""gunicorn settings for serving the skill (`gunicorn -c gunicorn.conf.py skill.wsgi:app`)."""
import os

# One worker in development: the web simulator keeps its conversations in that worker's memory.
_default_workers = "1" if os.environ.get("SKILL_ENV") == "development" else "2"
workers = int(os.environ.get("WEB_CONCURRENCY", _default_workers))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Alexa waits at most 8 s for an answer; a worker stuck far longer than that helps nobody.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "6"))
graceful_timeout = 5
keepalive = 5
# Request line and headers only; the body limit (64 KiB) is enforced by the app itself.
limit_request_line = 4094
limit_request_fields = 50
# Access log without bodies or query strings: Alexa requests carry personal words.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
