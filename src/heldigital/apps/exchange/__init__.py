"""The exchange of business documents: every organisation's inbox and outbox (docs/exchange.md)."""
