"""The quote review desk: staff confirm, correct or reject the engine's attributions."""
