# Learn area: the course's lessons (data in resources/lessons), their Try-it states and the
# exercise checkers. No widgets.
target_sources(stdlab_core PRIVATE
    learn/lesson.h learn/lesson.cpp
    learn/lessonlibrary.h learn/lessonlibrary.cpp
    learn/lessonstate.h learn/lessonstate.cpp
    learn/exercisecheck.h learn/exercisecheck.cpp
    learn/pythonrunner.h learn/pythonrunner.cpp
)
file(GLOB lesson_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/resources/lessons/*.json)
qt_add_resources(stdlab_core "lessons"
    PREFIX "/lessons"
    BASE ${PROJECT_SOURCE_DIR}/resources/lessons
    FILES ${lesson_files}
)
