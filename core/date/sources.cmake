# Dates area: datetime engine, model and `stdlab date`.
target_sources(stdlab_core PRIVATE
    date/pydatetime.h date/pydatetime.cpp
    date/zoneinfo.h date/zoneinfo.cpp
    date/pystrftime.h date/pystrftime.cpp
    date/dateops.h date/dateops.cpp
    date/datemodel.h date/datemodel.cpp
    date/datecli.h date/datecli.cpp
)
