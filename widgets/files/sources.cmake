# files tab: panel and its widgets.
target_sources(stdlab_widgets PRIVATE
    files/filespanel.h files/filespanel.cpp
)
