"""gunicorn settings for serving the skill (`gunicorn -c gunicorn.conf.py skill.wsgi:app`).

Every number can be changed from the environment; the defaults suit a 2-core machine.
Binds to $PORT on all interfaces when PORT is set (gunicorn's own rule), else 127.0.0.1:8000.

gunicorn has no deadline for reading a request (`timeout` watches workers, not clients): a client
sending slowly holds a thread, and 2 x 4 of them stop the service. So it must not face the
internet itself: deploy/nginx/shared-compassion.conf reads whole requests first (README "Self-hosting").
"""
import os

# One worker in development: the web simulator keeps its conversations in that worker's memory.
_default_workers = "1" if os.environ.get("SKILL_ENV") == "development" else "2"
workers = int(os.environ.get("WEB_CONCURRENCY", _default_workers))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Alexa waits at most 8 s for an answer; a worker stuck far longer than that helps nobody.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "6"))
graceful_timeout = 5
# Behind nginx (its upstream keepalive), an idle kept-alive connection costs a poller entry, not a thread.
keepalive = 5
# Request line and headers only; the body limit (64 KiB) is enforced by the app itself
# (MAX_CONTENT_LENGTH: a 413 with a JSON reason). Alexa's headers are well under these.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# Access log without bodies or query strings: Alexa requests carry personal words.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
