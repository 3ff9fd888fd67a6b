# Chat area: the course's socket programs as Python code for the Chat tab's pane.
target_sources(stdlab_core PRIVATE
    chat/chatpythoncode.h chat/chatpythoncode.cpp
    chat/servermode.h chat/servermode.cpp
    chat/framingspec.h chat/framingspec.cpp
    chat/replyrules.h chat/replyrules.cpp
    chat/byteliteral.h chat/byteliteral.cpp
)
