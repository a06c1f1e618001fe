"""Gunicorn's settings for the web process (Dockerfile, benchmarks/stack.py):
`gunicorn -c config/gunicorn.py config.wsgi:application`."""

import gunicorn.http.wsgi

# The answer names no server software (by default "Server: gunicorn"): what runs
# behind the portal is nobody's business, and the proxy in front may add its own.
gunicorn.http.wsgi.SERVER = "Kumppani"

# The access log leaves out query strings and referrers: what someone types into a
# search box (a name, even an identity code) must not end up in the logs.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'
