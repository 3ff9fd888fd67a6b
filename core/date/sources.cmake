# Dates area: datetime engine, model and `stdlab date`.
target_sources(stdlab_core PRIVATE
    date/datecli.h date/datecli.cpp
)
