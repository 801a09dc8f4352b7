"""`eventwire eval`: accuracy against real gold data in ../shared/eval-data, gated by floors."""
