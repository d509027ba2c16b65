"""The statistics app stores nothing: every figure is computed from the register, the decisions and the
complaints (see stats/indicators/)."""
