# chat tab: panel and its widgets.
target_sources(stdlab_widgets PRIVATE
    chat/chatpanel.h chat/chatpanel.cpp
)
