# Files area: os/shutil operations, worker, models.
target_sources(stdlab_core PRIVATE
    files/fsresult.h files/fsresult.cpp
    files/fspath.h files/fspath.cpp
    files/os.h files/os.cpp
    files/posixpath.h files/posixpath.cpp
    files/trash.h files/trash.cpp
    files/filejob.h files/filejob.cpp
    files/fileworker.h files/fileworker.cpp
    files/fileoperations.h files/fileoperations.cpp
    files/pythoncode.h files/pythoncode.cpp
    files/temporaryitems.h files/temporaryitems.cpp
    files/filescli.h files/filescli.cpp
    files/checksum.h files/checksum.cpp
    files/batchrename.h files/batchrename.cpp
    files/undojournal.h files/undojournal.cpp
)
# Files area (panel): the browsing model and the navigation history.
target_sources(stdlab_core PRIVATE
    files/filelistmodel.h files/filelistmodel.cpp
    files/directoryhistory.h files/directoryhistory.cpp
)
