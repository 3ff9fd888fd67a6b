# regex tab: panel and its widgets.
target_sources(stdlab_widgets PRIVATE
    regex/regexpanel.h regex/regexpanel.cpp
    regex/regexexamplelist.h regex/regexexamplelist.cpp
    regex/regexexplainview.h regex/regexexplainview.cpp
    regex/regexhighlighter.h regex/regexhighlighter.cpp
    regex/regexmatchtable.h regex/regexmatchtable.cpp
    regex/regexmatchtablemodel.h regex/regexmatchtablemodel.cpp
    regex/regextextedit.h regex/regextextedit.cpp
    regex/railroadview.h regex/railroadview.cpp
    regex/railroadpane.h regex/railroadpane.cpp
    regex/redosplot.h regex/redosplot.cpp
    regex/redosview.h regex/redosview.cpp
)
