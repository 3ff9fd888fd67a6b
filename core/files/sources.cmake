# Files area: os/shutil operations, worker, models.
target_sources(stdlab_core PRIVATE
    files/fsresult.h files/fsresult.cpp
    files/pyerror.h files/pyerror.cpp
    files/selectiontotals.h files/selectiontotals.cpp
    files/fspath.h files/fspath.cpp
    files/os.h files/os.cpp
    files/posixpath.h files/posixpath.cpp
    files/trash.h files/trash.cpp
    files/filejob.h files/filejob.cpp
    files/fileworker.h files/fileworker.cpp
    files/jobrunner.h files/jobrunner.cpp
    files/commitqueue.h files/commitqueue.cpp
    files/progressmeter.h files/progressmeter.cpp
    files/copyjob.cpp files/movejob.cpp files/removejob.cpp files/archivejob.cpp
    files/planjob.cpp
    files/fileoperations.h files/fileoperations.cpp
    files/pythoncode.h files/pythoncode.cpp
    files/temporaryitems.h files/temporaryitems.cpp
    files/filescli.h files/filescli.cpp
    files/checksum.h files/checksum.cpp
    files/batchrename.h files/batchrename.cpp
    files/undojournal.h files/undojournal.cpp
    files/archive.h files/archive.cpp
)
# shutil.make_archive / unpack_archive: libarchive (Debian's libarchive-dev, in tools/setup.sh).
find_package(LibArchive REQUIRED)
target_link_libraries(stdlab_core PRIVATE LibArchive::LibArchive)
# Files area (panel): the browsing model and the navigation history.
target_sources(stdlab_core PRIVATE
    files/filelistmodel.h files/filelistmodel.cpp
    files/directoryhistory.h files/directoryhistory.cpp
)
