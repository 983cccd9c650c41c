"""``vvgctl check``: the rules and the engine that runs them."""
