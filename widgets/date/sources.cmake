# date tab: panel and its widgets.
target_sources(stdlab_widgets PRIVATE
    date/datepanel.h date/datepanel.cpp
)
