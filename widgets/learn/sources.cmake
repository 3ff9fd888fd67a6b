# The Course dock: lessons, Try it and the exercises' checks on the panels.
target_sources(stdlab_widgets PRIVATE
    learn/coursedock.h learn/coursedock.cpp
    learn/chattracer.h learn/chattracer.cpp
    learn/learnprogress.h learn/learnprogress.cpp
    learn/lessonactions.h learn/lessonactions.cpp
    learn/pythonrunpane.h learn/pythonrunpane.cpp
    learn/runrequest.h learn/runrequest.cpp
    learn/sandboxhistory.h learn/sandboxhistory.cpp
)
