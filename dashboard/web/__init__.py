"""Web: the Flask/Dash server's compression, cache, security headers, error pages and callback guard, and component ids. The only layer that knows about HTTP."""
