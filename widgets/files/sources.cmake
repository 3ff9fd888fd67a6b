# files tab: panel and its widgets.
target_sources(stdlab_widgets PRIVATE
    files/filespanel.h files/filespanel.cpp
    files/filespanelnavigation.cpp files/filespaneloperations.cpp
    files/filespaneljournal.cpp files/filespaneljobs.cpp
    files/filesactions.h files/filesactions.cpp
    files/filesprompter.h files/filesprompter.cpp
    files/batchrenamedialog.h files/batchrenamedialog.cpp
    files/checksumdialog.h files/checksumdialog.cpp
    files/fileitemdelegate.h files/fileitemdelegate.cpp
    files/historydialog.h files/historydialog.cpp
    files/plandialog.h files/plandialog.cpp
    files/operationsview.h files/operationsview.cpp
    files/pathbar.h files/pathbar.cpp
    files/pathtools.h files/pathtools.cpp
)
