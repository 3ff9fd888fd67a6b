# regex tab: panel and its widgets.
target_sources(stdlab_widgets PRIVATE
    regex/regexpanel.h regex/regexpanel.cpp
)
