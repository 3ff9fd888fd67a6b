# chat tab: panel and its widgets.
target_sources(stdlab_widgets PRIVATE
    chat/chatpanel.h chat/chatpanel.cpp
    chat/chatprompter.h chat/chatprompter.cpp
    chat/conversationview.h chat/conversationview.cpp
    chat/chunksview.h chat/chunksview.cpp
    chat/sequencediagram.h chat/sequencediagram.cpp
    chat/statsgraph.h chat/statsgraph.cpp
    chat/messageinput.h chat/messageinput.cpp
    chat/ruleseditor.h chat/ruleseditor.cpp
    chat/tlsbox.h chat/tlsbox.cpp
    chat/framingbox.h chat/framingbox.cpp
)
