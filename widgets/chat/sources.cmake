# chat tab: panel and its widgets.
target_sources(stdlab_widgets PRIVATE
    chat/chatpanel.h chat/chatpanel.cpp
    chat/conversationmodel.h chat/conversationmodel.cpp
    chat/conversationview.h chat/conversationview.cpp
    chat/clientsmodel.h chat/clientsmodel.cpp
    chat/statshistory.h chat/statshistory.cpp
    chat/statsgraph.h chat/statsgraph.cpp
    chat/messageinput.h chat/messageinput.cpp
)
