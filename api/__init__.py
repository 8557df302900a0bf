"""The HTTP entry point: GraphQL over HTTP (starlette), authentication, health, metrics, logs."""
