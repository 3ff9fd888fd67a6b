# chat: the Chat tab's session and the models it fills (no widgets).
target_sources(stdlab_network PRIVATE
    chat/chatsession.h chat/chatsession.cpp
    chat/conversationmodel.h chat/conversationmodel.cpp
    chat/clientsmodel.h chat/clientsmodel.cpp
    chat/statshistory.h chat/statshistory.cpp
    chat/sendlog.h chat/sendlog.cpp
    chat/chunkmodel.h chat/chunkmodel.cpp
    chat/sequencemodel.h chat/sequencemodel.cpp
    chat/filesender.h chat/filesender.cpp
)
