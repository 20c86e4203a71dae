"""sinorus-timeline: a dated, sourced timeline of China–Russia relations from news articles."""

__version__ = "0.1.0"
