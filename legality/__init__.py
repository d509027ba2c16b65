"""The prosecutor's assistant (issue 13): legality rules as code, the findings they produce, and when they run."""
